"""Uploads: files from a user's browser become documents of the store, and nothing stored is lost by one.

An upload is named in the store by its cleaned file name. When a stored document already has that name and
other content, the caller decides (the app asks): replace it, keep both (the upload becomes
'referat (2).txt'), or skip the upload. Without a decision both are kept. Uploads of one batch whose names
clean to the same name are both kept. Each upload's copy lives in a folder of its own under the data folder
(`uploads/<upload id>/<name>`), so no upload ever overwrites another's file; a copy that could not be read
is deleted again, and a replaced upload's copy goes with it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ingest.catalogue import FileRow
from ingest.converters import SUPPORTED_SUFFIXES
from ingest.discovery import Found
from ingest.pipeline import FileReport, Progress, ingest_paths
from ingest.store import Store

log = logging.getLogger(__name__)


class OnConflict(StrEnum):
    REPLACE = "replace"
    KEEP_BOTH = "keep-both"
    SKIP = "skip"


@dataclass(frozen=True)
class Conflict:
    """An upload whose name a stored document already has, with other content."""

    name: str  # the upload's name in the store (cleaned)
    existing: FileRow


def safe_file_name(name: str) -> str:
    """A file name without folders, control characters or shell-hostile characters; the suffix kept."""
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w\-. ]+", "_", stem).strip(" ._") or "dokument"
    return f"{stem[:120]}{suffix}"


def conflicts(store: Store, files: list[tuple[str, bytes]]) -> list[Conflict]:
    """The uploads that would replace a stored document of the same name: ask before adding them."""
    found: dict[str, Conflict] = {}
    for name, data in files:
        clean = safe_file_name(name)
        existing = store.catalogue.file(clean)
        if existing and existing.sha256 != hashlib.sha256(data).hexdigest():
            found.setdefault(clean, Conflict(clean, existing))
    return list(found.values())


def add_documents(store: Store, files: list[tuple[str, bytes]], max_bytes: int, progress: Progress | None = None,
                  embed: bool = True, on_conflict: Mapping[str, OnConflict] | None = None) -> list[FileReport]:
    """Save uploads under the data folder and ingest them; a refused file gets its reason, the rest go on.
    `on_conflict` says, by cleaned name, what to do where a stored document has the name (default: keep
    both). `embed=False` leaves their vectors to a background worker (`qa.background`)."""
    # Names are chosen and taken in one step, under the store's writer lock: two users uploading one name at
    # once (two sessions of the app, or two apps) never get the same name.
    with store.writing():
        placed = _place(store, files, max_bytes, on_conflict or {})
        results = ingest_paths(placed.accepted, store, max_bytes, progress, embed=False)
        for found, report in zip(placed.accepted, results, strict=True):
            if report.status == "ingested" and (old := placed.replaced.get(report.name)):
                delete_copy(store, old)
            elif report.status != "ingested":  # refused, or identical to the stored document: nothing refers to it
                delete_copy(store, str(found.path))
    if embed:
        store.embed_pending()
    return placed.refused + results


@dataclass
class _Placed:
    refused: list[FileReport] = field(default_factory=list)
    accepted: list[Found] = field(default_factory=list)  # each upload's copy and its name in the store
    replaced: dict[str, str | None] = field(default_factory=dict)  # name → the copy of the document it replaces


def _place(store: Store, files: list[tuple[str, bytes]], max_bytes: int, on_conflict: Mapping[str, OnConflict]) -> _Placed:
    """Name each upload in the store and save its copy in a folder of its own; refuse what cannot be added."""
    placed = _Placed()
    taken: set[str] = set()  # names given in this batch
    for name, data in files:
        clean = safe_file_name(name)
        if Path(clean).suffix not in SUPPORTED_SUFFIXES:
            placed.refused.append(FileReport(clean, "error", error=f"file type not allowed (allowed: {', '.join(SUPPORTED_SUFFIXES)})"))
            continue
        if len(data) > max_bytes:
            placed.refused.append(FileReport(clean, "error", error=f"file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"))
            continue
        existing = store.catalogue.file(clean) if clean not in taken else None
        target = clean
        if clean in taken or (existing and existing.sha256 != hashlib.sha256(data).hexdigest()):
            choice = on_conflict.get(clean, OnConflict.KEEP_BOTH)
            if clean not in taken and choice is OnConflict.SKIP:
                placed.refused.append(FileReport(clean, "skipped", error="a document of this name is stored; it was kept"))
                continue
            if clean in taken or choice is OnConflict.KEEP_BOTH:
                target = _free_name(store, clean, taken)
            else:
                placed.replaced[clean] = existing.path if existing else None
        taken.add(target)
        copy = store.data_dir / "uploads" / uuid.uuid4().hex[:12] / target
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(data)
        placed.accepted.append(Found(copy, target, fixed=True))
    return placed


def _free_name(store: Store, name: str, taken: set[str]) -> str:
    """'referat (2).txt', 'referat (3).txt', …: the first name no stored document and no upload of the batch has."""
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while (candidate := f"{stem} ({number}){suffix}") in taken or store.catalogue.file(candidate):
        number += 1
    return candidate


def delete_copy(store: Store, path: str | None) -> None:
    """Delete an upload's copy and its folder; a path outside the uploads folder is never touched."""
    if not path:
        return
    uploads = (store.data_dir / "uploads").resolve()
    copy = Path(path).resolve()
    if not copy.is_relative_to(uploads) or copy == uploads:
        return
    copy.unlink(missing_ok=True)
    if copy.parent != uploads:
        shutil.rmtree(copy.parent, ignore_errors=True)
