"""Which files a batch holds, and what each document is called in the store.

A document is known by where it came from, not by its bare file name: `a/referat.txt` and `b/referat.txt`
are two documents. Its name in the store is its path below the folder it was found in (its own name when
the file is named directly), widened by the folders above it only while another file, still on disk, holds
that name. A file ingested before keeps the name it has, wherever the batch starts from; a document whose
file has gone (a folder moved) is taken over by the file that now has its name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.catalogue import Catalogue
from ingest.converters import SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Found:
    """A file to ingest and its path below the folder it was found in ('a/referat.txt'), or its own name;
    `fixed` when the caller has chosen its name in the store (an upload)."""

    path: Path
    below_root: str
    fixed: bool = False


def discover(paths: Iterable[Path | Found]) -> list[Found]:
    """Files named directly, and supported files found under folders (recursively, sorted). A symbolic link
    inside a folder is not followed: it may point anywhere on the machine (only a link named directly is)."""
    found: dict[Path, Found] = {}
    for path in paths:
        if isinstance(path, Found):
            found.setdefault(path.path, path)
        elif path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_symlink():
                    log.warning("%s: a symbolic link, not followed", p)
                elif p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.setdefault(p, Found(p, p.relative_to(path).as_posix()))
        else:
            found.setdefault(path, Found(path, path.name))
    return list(found.values())


def store_name(catalogue: Catalogue, found: Found) -> str:
    """The document's name in the store (see the module's docstring)."""
    if found.fixed:
        return found.below_root
    where = found.path.resolve()
    if known := catalogue.file_at(str(where)):
        return known.name
    depth = len(Path(found.below_root).parts)
    for wider in range(depth, len(where.parts)):
        name = "/".join(where.parts[-wider:]) if wider > depth else found.below_root
        holder = catalogue.file(name)
        if holder is None or not holder.path or not Path(holder.path).is_file():
            return name
    return where.as_posix()
