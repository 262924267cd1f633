"""The minutes' most frequent content stems, the Danish side of the English glossary
(`qa.vocabulary.english`): every file of the sample corpus and corpus-extra converted, its words stemmed by the
one analyser, stems counted by the number of files that use them (a stem one long file repeats is not common).
Prints rank, stem, files, occurrences and the word form the minutes write most often.

    .venv/bin/python -m bench.glossary_stems [--top 1000] [--min-letters 3]
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter, defaultdict
from pathlib import Path

from ingest.analysis import STOPWORDS, stem, tokens
from ingest.converters import SUPPORTED_SUFFIXES, ConversionError, convert

log = logging.getLogger(__name__)

ROOTS = (Path("../shared/corpus"), Path("../shared/corpus-extra"))


def count(roots: tuple[Path, ...] = ROOTS) -> tuple[Counter, Counter, dict[str, Counter]]:
    files, occurrences, forms = Counter(), Counter(), defaultdict(Counter)
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() not in SUPPORTED_SUFFIXES or path.name == "README.md":
                continue
            try:
                document = convert(path, 50_000_000)
            except ConversionError as exc:
                log.warning("%s", exc)
                continue
            seen = set()
            for word in tokens(document.text):
                if word in STOPWORDS or len(word) < 2 or word[0].isdigit() or "-" in word:
                    continue
                s = stem(word)
                occurrences[s] += 1
                forms[s][word] += 1
                seen.add(s)
            files.update(seen)
    return files, occurrences, forms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=1000)
    parser.add_argument("--min-letters", type=int, default=3)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files, occurrences, forms = count()
    ranked = [s for s, _ in sorted(files.items(), key=lambda kv: (-kv[1], -occurrences[kv[0]], kv[0]))
              if len(s) >= args.min_letters]
    for rank, s in enumerate(ranked[: args.top], 1):
        log.info("%4d %-22s %4d %6d %s", rank, s, files[s], occurrences[s], forms[s].most_common(1)[0][0])


if __name__ == "__main__":
    main()
