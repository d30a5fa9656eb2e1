"""``storykit doctor``: each line passes or fails with a fix, and the key is never shown."""

from support import SENTINEL_KEY

from kit.doctor import run_checks
from kit.settings import resolve


def by_name(checks):
    return {c.name: c for c in checks}


def test_offline_machine_passes_the_backend_checks(workdir):
    settings, _ = resolve("offline", workdir=workdir, ask_for_key=False, quiet=True)
    checks = by_name(run_checks(settings))
    assert checks["backend"].status == "ok" and checks["work folder"].status == "ok"


def test_dashscope_without_a_key_fails_with_a_fix(workdir):
    settings, _ = resolve("dashscope", workdir=workdir, ask_for_key=False, quiet=True)
    key = by_name(run_checks(settings))["API key"]
    assert key.status == "fail" and "DASHSCOPE_API_KEY" in key.fix


def test_reachable_region_and_refused_key(fake_server, workdir):
    good, _ = resolve("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=workdir,
                      ask_for_key=False, quiet=True)
    checks = by_name(run_checks(good))
    assert checks["region reachable"].status == "ok"
    assert all(SENTINEL_KEY not in c.line() for c in checks.values())
    bad, _ = resolve("dashscope", api_key="sk-not-this-one-at-all", base_url=fake_server.base_url,
                     workdir=workdir, ask_for_key=False, quiet=True)
    refused = by_name(run_checks(bad))["region reachable"]
    assert refused.status == "fail" and "region" in refused.fix


def test_nobody_listening_fails_with_offline_advice(workdir):
    settings, _ = resolve("dashscope", api_key=SENTINEL_KEY, base_url="http://127.0.0.1:9/api/v1",
                          workdir=workdir, ask_for_key=False, quiet=True)
    unreachable = by_name(run_checks(settings))["region reachable"]
    assert unreachable.status == "fail" and "offline" in unreachable.fix


def test_the_sdk_and_the_models_are_checked_against_the_pin_and_the_region(fake_server, workdir, monkeypatch):
    from kit import doctor

    good, _ = resolve("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=workdir,
                      ask_for_key=False, quiet=True)
    checks = by_name(run_checks(good))
    assert checks["dashscope version"].status == "ok" and checks["models"].status == "ok"
    monkeypatch.setattr(doctor, "sdk_floor", lambda: "99.0.0")
    assert doctor.check_sdk().status == "fail"
    us, _ = resolve("dashscope", api_key=SENTINEL_KEY, region="us", workdir=workdir, ask_for_key=False,
                    quiet=True)
    models_check = doctor.check_models(us)
    assert models_check.status == "fail" and "wan2.6-t2i" in models_check.found and "intl" in models_check.fix
