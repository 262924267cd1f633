"""The generated set: one question per decided agenda item of the Greve JSON files, built from its title.

For every item with a non-empty Beslutning (not closed, not an Underskriftsark, not "Beslutning ikke
frigivet") of the given files: "Hvad blev besluttet om <title>?", gold = that item. It measures retrieval
at scale over near-identical items (the same case in fagudvalg, ØU and Byråd); a fixed seeded sample is
scored per run. A question names its item only when no other decided item has the same title: "Godkendelse
af dagsorden" or a case title repeated word for word at the committee, Økonomiudvalget and Byrådet cannot
tell one meeting from another, so such a question's gold is every item of that title, and it is reported
apart (kind "title shared") from the questions whose title is one item's ("title unique"). Embedding all 364 Greve meetings takes hours, so the files are those of the cached eval
store (the report says so).
"""

from __future__ import annotations

import json
import random
import re
from html import unescape
from pathlib import Path

from eval.gold import ItemGold
from eval.score import Question

SEED = 20261130
SAMPLE = 500
_H3 = re.compile(r"<h3[^>]*>(.*?)</h3>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def decision_text(html: str) -> str:
    """The plain text under the item's `<h3>Beslutning</h3>` heading ('' when it has none)."""
    parts = _H3.split(html or "")
    # parts: [before, heading1, body1, heading2, body2, ...]
    for heading, body in zip(parts[1::2], parts[2::2], strict=False):
        if _TAG.sub("", heading).strip().lower().startswith("beslutning"):
            return " ".join(unescape(_TAG.sub(" ", body)).split())
    return ""


def decided_items(path: Path) -> list[tuple[str, str, str]]:
    """(meeting date, item number, title) of every item of one Greve JSON file with a released decision."""
    data = json.loads(path.read_text(encoding="utf-8"))
    day = data["Moede"]["Dato"][:10]
    out = []
    for item in data.get("Dagsordenpunkter") or []:
        title = " ".join((item.get("Caption") or "").split())
        if not title or title.lower().startswith(("lukket", "underskrift")):
            continue
        decision = " ".join(decision_text(f.get("Html") or "") for f in item.get("Felter") or [])
        if decision.strip() and "ikke frigivet" not in decision.lower():
            out.append((day, str(item["Number"]), title))
    return out


def same_title(title: str) -> str:
    """A title as two items share it: case and spacing aside."""
    return " ".join(title.lower().split())


def generated_questions(files: list[Path], sample: int | None = SAMPLE, seed: int = SEED) -> tuple[list[Question], int]:
    """A seeded sample of the generated questions over `files`, and how many there are in all."""
    items = [(path, day, number, title) for path in sorted(files) for day, number, title in decided_items(path)]
    by_title: dict[str, list[ItemGold]] = {}
    for path, day, number, title in items:
        by_title.setdefault(same_title(title), []).append(ItemGold(path.name, day, number))
    questions = []
    for path, day, number, title in items:
        golds = by_title[same_title(title)]
        kind = "title unique" if len(golds) == 1 else "title shared"
        questions.append(Question(f"gen-{path.stem[-8:]}-{number}", f"Hvad blev besluttet om {title}?", kind, "da",
                                  [], golds, False))
    total = len(questions)
    if sample is not None and total > sample:
        questions = sorted(random.Random(seed).sample(questions, sample), key=lambda q: q.id)
    return questions, total
