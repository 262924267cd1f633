"""Where the evaluation sets live and which files each one needs.

The open set (`../shared/eval-open/`) is scored against a store of the Greve JSON files its questions,
claims and summaries name, plus a fixed, deterministic slice of other Greve files as distractors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
SHARED = Path(os.environ.get("REFERENT_SHARED_DIR", ROOT.parent / "shared"))
OPEN_DIR = SHARED / "eval-open"
GREVE_DIR = SHARED / "corpus-extra" / "greve-json"
DEV_CORPUS = SHARED / "corpus"
DEVSET = HERE / "devset.jsonl"
DEV_CLAIMS = HERE / "claims.jsonl"
OPEN_STORE = CACHE / "open-store"
OPEN_BASELINE = CACHE / "open-baseline"
DISTRACTOR_EVERY = 16  # every 16th of the Greve files no gold names (sorted by name): 15 files of 243


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSON-lines file (blank lines ignored)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def open_questions(open_dir: Path = OPEN_DIR) -> list[dict]:
    return read_jsonl(open_dir / "questions.jsonl")


def open_claims(open_dir: Path = OPEN_DIR) -> list[dict]:
    return read_jsonl(open_dir / "claims.jsonl")


def open_summaries(open_dir: Path = OPEN_DIR) -> list[dict]:
    return read_jsonl(open_dir / "summaries.jsonl")


def gold_file_names(open_dir: Path = OPEN_DIR) -> list[str]:
    """Every Greve file a question, claim or summary of the open set names, sorted."""
    names: set[str] = set()
    for record in open_questions(open_dir) + open_claims(open_dir):
        names.update(gold["file"] for gold in record.get("gold", []))
    names.update(summary["file"] for summary in open_summaries(open_dir))
    return sorted(names)


def distractor_file_names(open_dir: Path = OPEN_DIR, greve_dir: Path = GREVE_DIR,
                          every: int = DISTRACTOR_EVERY) -> list[str]:
    """Every `every`-th Greve file (sorted by name) that no gold names: meetings to get lost among."""
    gold = set(gold_file_names(open_dir))
    rest = sorted(p.name for p in greve_dir.glob("*.json") if p.name not in gold)
    return rest[every // 2 :: every]


def open_store_files(open_dir: Path = OPEN_DIR, greve_dir: Path = GREVE_DIR) -> list[Path]:
    """The files of the eval-open store: gold files first, then the distractors."""
    names = gold_file_names(open_dir) + distractor_file_names(open_dir, greve_dir)
    return [greve_dir / name for name in names]
