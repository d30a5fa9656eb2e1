"""The benchmark suite still runs and writes its table (a smoke test: no timing is asserted here).

The figures themselves live in benchmarks/ and are run by hand: ``.venv/bin/python benchmarks/run.py``.
"""

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_offline_figure_writes_the_results_table(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "4",
                           "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr

    report = json.loads((tmp_path / "quick.json").read_text(encoding="utf-8"))
    assert report["mode"] == "quick"
    assert report["machine"]["nproc"] and report["machine"]["versions"]["dashscope"]
    rows = {row["key"]: row for row in report["rows"]}
    assert set(rows) == {"4a", "4b"}
    for row in rows.values():
        assert not row.get("error")
        assert len(row["kit_samples"]) == len(row["base_samples"]) >= 3
        for number in (row["kit_median"], row["base_median"], row["ratio"]):
            assert isinstance(number, float) and math.isfinite(number) and number > 0
        assert isinstance(row["met"], bool) and row["goal"] and row["meaning"]

    table = (tmp_path / "quick.md").read_text(encoding="utf-8")
    assert "| # | figure | kit (median) | baseline (median) | ratio | goal | met? |" in table
    assert "| 4a | Offline reply" in table and "| 4b | Offline 1024 px picture" in table
