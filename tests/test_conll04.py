"""CoNLL04 dev (../shared/bench/conll04, read at run time, never copied) as a floor: the figures the build
reached less a small margin, so a change that loses relations the benchmark scores fails here."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import KG_BIN, REPO

BENCH = REPO.parent / "shared" / "bench" / "conll04"

pytestmark = pytest.mark.slow

# Reached on main at 22:05 UTC: strict micro F1 0.352 (P 0.721, R 0.233); per type F1 Work_For 0.474, Kill 0.441,
# OrgBased_In 0.073, Live_In 0.291, Located_In 0.472. Each floor is that less about 0.03 (OrgBased_In: above zero).
# Raised at 23:35 UTC (main: strict micro F1 0.440, P 0.763; Work_For 0.485, Kill 0.627, Live_In 0.321): micro F1,
# precision and the person relations' floors are those less about 0.03-0.04.
# Raised at 23:45 UTC (main: strict micro F1 0.466, P 0.781; OrgBased_In 0.323, Located_In 0.586): micro F1 and
# the place relations' floors are those less about 0.03-0.04.
# Raised at 02:15 UTC (main: strict micro F1 0.490, P 0.761; OrgBased_In 0.337, Live_In 0.423, Located_In 0.593):
# micro F1 and the place relations' floors are those less about 0.03.
# Raised at 02:17 UTC (same figures; Kill 0.667, Work_For 0.475): precision and Kill are those less about 0.03
# (Work_For stays at 0.45).
# Raised at 02:56 UTC (main: strict micro F1 0.495, P 0.759, Live_In 0.448): Live_In 0.39 -> 0.42.
# Raised at 05:55 UTC next stop (main: strict micro F1 0.501, P 0.762; Work_For 0.490, OrgBased_In 0.350):
# micro F1 0.46 -> 0.47, Work_For 0.45 -> 0.46, OrgBased_In 0.30 -> 0.32.
MICRO_F1_FLOOR = 0.47
MICRO_PRECISION_FLOOR = 0.73
TYPE_F1_FLOORS = {"Work_For": 0.46, "Kill": 0.63, "OrgBased_In": 0.32, "Live_In": 0.42, "Located_In": 0.56}


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory) -> dict:
    if not (BENCH / "run.py").is_file():
        pytest.skip("../shared/bench/conll04 not present")
    work = tmp_path_factory.mktemp("conll04")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--split", "dev", "--kg", str(KG_BIN),
                           "--work", str(work)], cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((work / "dev" / "scores.json").read_text(encoding="utf-8"))["relations"]["strict"]


def test_strict_micro_f1_and_precision_floors(dev_scores):
    micro = dev_scores["micro"]
    print(f"CoNLL04 dev strict: P {micro['p']:.3f} R {micro['r']:.3f} F1 {micro['f1']:.3f}")
    assert micro["f1"] >= MICRO_F1_FLOOR
    assert micro["p"] >= MICRO_PRECISION_FLOOR


def test_no_relation_type_at_zero_and_each_above_its_floor(dev_scores):
    for rel_type, floor in TYPE_F1_FLOORS.items():
        assert dev_scores["per_type"][rel_type]["f1"] >= floor, rel_type
