"""`python -m qa ask|meetings|settings`.

    python -m qa ask "QUESTION" [--json] [--committee X] [--municipality X] [--since DATE] [--until DATE]
    python -m qa ask --batch questions.jsonl      # one JSON question per line in, one JSON answer per line out
    python -m qa summarize MEETING_ID [--json | --markdown] [--export md|docx [--out FILE]]
    python -m qa summarize --all                  # make (or refresh) every meeting's summary with the configured backend
    python -m qa brief MEETING_ID [--json] [--export md|docx [--out FILE]]
    python -m qa case "QUERY OR CASE NUMBER" [--json] [--export md|docx [--out FILE]]
    python -m qa suggest [--n 3] [--json]         # questions the loaded minutes answer
    python -m qa check "CLAIM" [--json]
    python -m qa meetings [--json]
    python -m qa settings
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path

from ingest.settings import get_settings
from qa.answer import Answerer
from qa.backends import BackendError, describe_llm, make_embedder, make_llm
from qa.meetings import find_committees, list_meetings
from qa.types import Answer, Filters


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _filters(municipality: str | None, committee: str | None, since: date | None, until: date | None) -> Filters:
    return Filters(tuple([municipality] if municipality else []), tuple([committee] if committee else []), since, until)


def _print_answer(answer: Answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
        return
    print(answer.answer)
    for citation in answer.citations:
        print(f"  [{citation.key}] {citation.source.label()}")


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m qa")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer a question from the minutes, with citations")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--batch", type=Path, help="JSON lines: {\"question\": ..., optional filters}")
    ask.add_argument("--json", action="store_true")
    ask.add_argument("--municipality")
    ask.add_argument("--committee")
    ask.add_argument("--since", type=_date)
    ask.add_argument("--until", type=_date)
    meetings = commands.add_parser("meetings", help="list the meetings in the store")
    meetings.add_argument("--json", action="store_true")
    meetings.add_argument("--municipality")
    meetings.add_argument("--committee")
    summary = commands.add_parser("summarize", help="summary of a meeting: every item, its decision, key points")
    summary.add_argument("meeting_id", nargs="?")
    summary.add_argument("--all", action="store_true", help="summarise every meeting (cached for the configured backend)")
    summary.add_argument("--json", action="store_true")
    summary.add_argument("--markdown", action="store_true")
    brief_cmd = commands.add_parser("brief", help="pre-meeting brief: what each item asks and its earlier treatment")
    brief_cmd.add_argument("meeting_id")
    brief_cmd.add_argument("--json", action="store_true")
    case = commands.add_parser("case", help="timeline of a case across meetings")
    case.add_argument("query")
    case.add_argument("--json", action="store_true")
    check = commands.add_parser("check", help="fact-check a claim: supported, contradicted, partly supported, not found")
    check.add_argument("claim")
    check.add_argument("--json", action="store_true")
    for command in (summary, brief_cmd, case):
        command.add_argument("--export", choices=("md", "docx"), help="write Markdown or Word, sources as numbered notes")
        command.add_argument("--out", type=Path, help="the export's file (default: a name after the meeting or case)")
    suggest = commands.add_parser("suggest", help="questions the loaded minutes answer (as the app suggests them)")
    suggest.add_argument("--n", type=int, default=3)
    suggest.add_argument("--json", action="store_true")
    for command in (ask, meetings, summary, brief_cmd, case, check, suggest):
        command.add_argument("--store", type=Path, default=settings.data_dir)
    commands.add_parser("settings", help="print the active settings")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    if args.command == "settings":
        print(json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    from ingest.store import Store

    store = Store(args.store, make_embedder(settings.embedder), settings.chroma_url or None, settings.writer_wait_s,
                  settings.embed_chars)
    try:
        if args.command == "meetings":
            rows = list_meetings(store, _meeting_filters(store, args.municipality, args.committee))
            if args.json:
                print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
            else:
                for r in rows:
                    when = r.meeting_date.isoformat() if r.meeting_date else "udateret"
                    print(f"{r.id:<60} {when}  {r.kind.value:<9} {r.item_count:>3} pkt.  {r.municipality or '-'}, {r.committee or '-'}")
                print(f"{len(rows)} meeting(s)")
            return 0
        if args.command in ("summarize", "brief", "case"):
            return _structured(store, args, settings)
        if args.command == "suggest":
            from qa.archive import suggested_questions

            questions = suggested_questions(store, args.n)
            print(json.dumps(questions, ensure_ascii=False) if args.json else "\n".join(questions))
            return 0
        try:
            answerer = Answerer(store, make_llm(settings), describe_llm(settings))
        except BackendError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if args.command == "check":
            from qa.factcheck import check_claim

            result = check_claim(answerer, args.claim)
            if args.json:
                print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
            else:
                from qa.messages import VERDICT_LABEL

                print(f"{VERDICT_LABEL[result.language][result.verdict.value]}: {result.explanation}")
                for citation in result.citations:
                    print(f"  [{citation.key}] {citation.source.label()}: «{citation.quote}»")
            return 0
        if args.batch:
            return _batch(answerer, args.batch)
        if not args.question:
            parser.error("ask needs a QUESTION or --batch FILE")
        answer = answerer.ask(args.question, _filters(args.municipality, args.committee, args.since, args.until))
        _print_answer(answer, args.json)
        return 0 if answer.status.value != "error" else 1
    finally:
        store.close()


def _structured(store, args, settings) -> int:
    from qa.cases import brief, case_timeline
    from qa.render import render_brief, render_summary, render_timeline
    from qa.summarise import summarize

    try:
        if args.command == "summarize" and args.all:
            return _summarize_all(store, settings)
        if args.command == "summarize":
            if not args.meeting_id:
                print("error: summarize needs a MEETING_ID or --all", file=sys.stderr)
                return 2
            result = summarize(store, args.meeting_id, llm=make_llm(settings), backend=describe_llm(settings))
            text = result.to_markdown() if args.markdown else render_summary(result)
        elif args.command == "brief":
            result = brief(store, args.meeting_id)
            text = render_brief(result)
        else:
            result = case_timeline(store, args.query)
            text = render_timeline(result)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.export:
        return _export(result, args.export, args.out)
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2) if args.json else text)
    return 0


def _export(result, kind: str, out: Path | None) -> int:
    """Markdown to the file, or to stdout without --out; Word always to a file (named after the meeting)."""
    from qa.export import export_file_name, to_docx, to_markdown

    if kind == "md" and out is None:
        print(to_markdown(result), end="")
        return 0
    path = out or Path(export_file_name(result, kind))
    if kind == "md":
        path.write_text(to_markdown(result), encoding="utf-8")
    else:
        path.write_bytes(to_docx(result))
    print(f"{path} written")
    return 0


def _meeting_filters(store, municipality: str | None, committee: str | None) -> Filters:
    """`--municipality` matches a name in any case; `--committee` any committee whose name contains it."""
    municipalities = tuple(sorted({m.municipality for m in store.catalogue.meetings()
                                   if municipality and m.municipality and m.municipality.lower() == municipality.lower()}))
    committees = find_committees(store, committee) if committee else ()
    return Filters(municipalities or ((municipality,) if municipality else ()), committees or ((committee,) if committee else ()))


def _summarize_all(store, settings) -> int:
    """Every meeting's summary, made with the configured backend and cached for it."""
    import time

    from tqdm import tqdm

    from qa.summarise import summarize

    llm, backend = make_llm(settings), describe_llm(settings)
    meetings = store.catalogue.meetings()
    started = time.perf_counter()
    for meeting in tqdm(meetings, unit="meeting", desc="summaries", disable=not sys.stderr.isatty(), file=sys.stderr):
        summarize(store, meeting.id, llm=llm, backend=backend)
    print(f"{len(meetings)} meeting summaries ready ({backend}), {time.perf_counter() - started:.1f} s")
    return 0


def _batch(answerer: Answerer, path: Path) -> int:
    failures = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            question = item["question"]
            since = _date(item["since"]) if item.get("since") else None
            until = _date(item["until"]) if item.get("until") else None
        except (json.JSONDecodeError, KeyError, TypeError, argparse.ArgumentTypeError) as exc:
            failures += 1
            print(json.dumps({"line": number, "status": "error", "error": f"bad input line: {exc}"}, ensure_ascii=False))
            continue
        answer = answerer.ask(question, _filters(item.get("municipality"), item.get("committee"), since, until),
                              item.get("history"))
        print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
