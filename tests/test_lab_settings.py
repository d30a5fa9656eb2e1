"""JupyterLab for a classroom: the kit's overrides.json, the language pack, and ``storykit --version``."""

import json
import subprocess
import sys
from pathlib import Path

import tomllib

import kit
from kit import doctor, lab_settings
from kit.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_lab_settings_merge_into_what_a_school_has_already(tmp_path):
    path = lab_settings.settings_dir(tmp_path) / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                "@jupyterlab/apputils-extension:notification": {"doNotDisturbMode": True}}))
    assert lab_settings.missing(tmp_path)
    assert main(["lab-settings", "--prefix", str(tmp_path), "--locale", "zh_TW"]) == 0
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert written["@jupyterlab/apputils-extension:notification"] == {
        "doNotDisturbMode": True, "fetchNews": "false", "checkForUpdates": False}
    assert written["@jupyterlab/translation-extension:plugin"] == {"locale": "zh_TW"}
    assert lab_settings.missing(tmp_path) == []


def test_the_overrides_name_real_jupyterlab_settings():
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    for plugin, values in lab_settings.OVERRIDES.items():
        package, name = plugin.rsplit(":", 1)
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        assert set(values) <= set(schema["properties"]), plugin


def test_doctor_reports_the_language_pack_and_the_classroom_settings(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    language, classroom = doctor.check_lab_settings()
    assert language.status == "ok" and "zh_TW" in language.found         # the test extra installs it
    assert classroom.status == "warn" and classroom.fix == "storykit lab-settings"
    lab_settings.install()
    assert doctor.check_lab_settings()[1].status == "ok"
    monkeypatch.setattr(lab_settings, "language_packs", list)
    missing = doctor.check_lab_settings()[0]
    assert missing.status == "warn" and "[teacher]" in missing.fix and "Settings > Language" in missing.fix


def test_the_version_is_written_in_one_place():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    done = subprocess.run([str(Path(sys.executable).with_name("storykit")), "--version"], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == f"storykit {kit.__version__}"
    assert f"## {kit.__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_export_menu_items_name_every_exporter_in_both_languages(tmp_path):
    formats = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
                  ["nbconvert.exporters"])
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab"
    assert "menus" in json.loads((schemas / "mainmenu-extension" / "plugin.json").read_text())["properties"]
    export = json.loads((schemas / "notebook-extension" / "export.json").read_text())
    assert lab_settings.EXPORT_SUBMENU in json.dumps(export["jupyter.lab.menus"])
    for locale, column in ((None, 1), ("zh_TW", 2)):
        written = json.loads(lab_settings.install(tmp_path / (locale or "en"), locale=locale).read_text())
        (file_menu,) = written[lab_settings.MENU_PLUGIN]["menus"]
        (submenu,) = file_menu["items"]
        items = submenu["submenu"]["items"]
        assert {item["args"]["format"] for item in items} == formats
        assert [item["args"]["label"] for item in items] == [each[column] for each in lab_settings.EXPORTS]
        assert all(item["command"] == "notebook:export-to-format" for item in items)
