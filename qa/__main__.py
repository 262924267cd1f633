"""`python -m qa meetings [--json]` lists the catalogue; `python -m qa settings` prints the settings."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ingest.embedders import make_embedder
from ingest.settings import get_settings
from ingest.store import Store
from qa.meetings import list_meetings


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m qa")
    commands = parser.add_subparsers(dest="command", required=True)
    meetings = commands.add_parser("meetings", help="list the meetings in the store")
    meetings.add_argument("--json", action="store_true")
    meetings.add_argument("--municipality")
    meetings.add_argument("--committee")
    meetings.add_argument("--store", type=Path, default=settings.data_dir)
    commands.add_parser("settings", help="print the active settings")
    args = parser.parse_args(argv)

    if args.command == "settings":
        print(json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    store = Store(args.store, make_embedder(settings.embedder))
    rows = list_meetings(store, args.municipality, args.committee)
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
    else:
        for r in rows:
            when = r.meeting_date.isoformat() if r.meeting_date else "udateret"
            print(f"{r.id:<60} {when}  {r.kind:<9} {r.item_count:>3} pkt.  {r.municipality or '-'}, {r.committee or '-'}")
        print(f"{len(rows)} meeting(s)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
