"""A fixed-time atheris run over HTML → article → quotes/events (and feeds), seeded with the
sample pages and feeds: no crash, no hang (a per-input time limit), no exception escaping.

``RELIABILITY_FUZZ_SECONDS`` sets the time (`make reliability`: 120 s; `make test`: 10 s).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE
from tests.reliability import harness

SECONDS = harness.env_int("RELIABILITY_FUZZ_SECONDS", 10)
PER_INPUT_SECONDS = 60  # far above any real page on a loaded machine: only a hang gets there
TARGET = Path(__file__).with_name("fuzz_target.py")


def _seeds(folder: Path) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    for n, page in enumerate(sorted((SAMPLE / "site").rglob("*.html"))):
        shutil.copyfile(page, corpus / f"page-{n}")
    for n, feed in enumerate(sorted((SAMPLE / "feeds").glob("*.xml"))):
        (corpus / f"feed-{n}").write_bytes(b"F" + feed.read_bytes())
    return corpus


def test_fuzzing_finds_no_crash_and_no_hang(tmp_path: Path) -> None:
    corpus, crashes = _seeds(tmp_path), tmp_path / "crashes"
    crashes.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            str(TARGET),
            f"-max_total_time={SECONDS}",
            f"-timeout={PER_INPUT_SECONDS}",
            "-rss_limit_mb=4096",
            "-max_len=200000",
            f"-artifact_prefix={crashes}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SECONDS + 600,  # seeding the corpus runs every seed once first
    )
    runs = re.findall(r"Done (\d+) runs in (\d+) second", done.stderr)
    found = sorted(p.name for p in crashes.iterdir())
    harness.record(
        "fuzz",
        {
            "seconds": SECONDS,
            "executions": int(runs[-1][0]) if runs else 0,
            "seeds": len(list((SAMPLE / "site").rglob("*.html"))) + 7,
            "crashes": len(found),
            "artifacts": found,
            "exit_code": done.returncode,
        },
    )
    tail = "\n".join(done.stderr.splitlines()[-40:])
    assert done.returncode == 0 and not found, f"fuzzing found a crash or hang:\n{tail}"
    assert runs, f"the fuzzer did not run to its end:\n{tail}"
