"""The people and dates of a claim: the meeting's day, names the item must hold, who was absent
(Afbud, Fraværende, "deltog ikke"), who proposed or asked for something (begærede, foreslog)."""

from __future__ import annotations

from ingest.vocabulary import SectionKind
from qa.factcheck.tally import ABSENT, CONTRADICTED, FOUND, Tally
from qa.vocabulary.claims import (
    absent_people,
    claimed_proposers,
    is_frame_name,
    party_letters,
    records_absence,
    records_proposer,
)
from qa.vocabulary.claims import voter_names as voter_names_of
from qa.vocabulary.cues import plans_treatment
from qa.vocabulary.dates import exact_day
from qa.vocabulary.words import full_names


def check_date(t: Tally) -> None:
    """A claim dated to the day ("besluttede den 16. januar 2023") against the meeting that treated the item."""
    day, held = t.claim.day, t.item.ref.meeting_date
    if day is None or held is None:
        return
    label = held.strftime("%d-%m-%Y")
    planned = [s for s in t.item.sentences if plans_treatment(s.text) and exact_day(s.text) == day]
    if planned and day != held:
        # "vil blive behandlet på Rådmandsmøde d. 23. januar 2023": a plan; nothing says what was done then
        t.decision_elsewhere = True
        t.add(ABSENT, "date_planned", t.claim.day_position, planned[:1], claimed=day.strftime("%d-%m-%Y"))
        return
    if day == held:
        t.add(FOUND, "date_found", t.claim.day_position, claimed=label)
    else:
        t.add(CONTRADICTED, "date_other", t.claim.day_position, t.item.decision[:1], stated=label, claimed=day.strftime("%d-%m-%Y"))


def check_names(t: Tally) -> None:
    claim, item = t.claim, t.item
    context = f"{item.text} {item.ref.item_title}"
    for name in full_names(claim.text):
        if set(name.split()) <= voter_names_of(claim.text):
            continue  # a voter's name is checked against the vote
        if name.split()[0].lower() in {"byrådet", "økonomiudvalget", "the", "in"}:
            continue
        if party_letters(name) or is_frame_name(name):
            continue
        if not all(word in context for word in name.split()):
            t.add(ABSENT, "name_absent", claim.text.find(name), claimed=name)


def check_attendance(t: Tally) -> None:
    """A claim that someone did not take part ("X deltog ikke pga. afbud") against the item's attendance
    lines ("Afbud", "Fraværende", "X deltog ikke i sagens behandling"). A person not listed there is not
    evidence either way: attendance is not always recorded per item."""
    for name in absent_people(t.claim.text):
        surname = name.split()[-1]
        lines = [s for s in t.item.sentences if s.section is SectionKind.ATTENDANCE or records_absence(s.text)]
        hit = [s for s in lines if surname in s.text]
        position = t.claim.text.find(name)
        if hit:
            t.add(FOUND, "absence_found", position, hit[:1], claimed=name)
        else:
            t.add(ABSENT, "absence_absent", position, claimed=name)


def check_proposer(t: Tally) -> None:
    """Who proposed or asked for something ("efter forslag fra De Konservative", "X begærede sagen i
    byrådet") against the item: its title ("Initiativretsforslag fra (C)") and the decision's lines that
    say who proposed, asked or put forward an amendment."""
    who = claimed_proposers(t.claim.text)
    if not who:
        return
    lines = [s for s in t.item.decision if records_proposer(s.text)]
    title = t.item.ref.item_title
    said = party_letters(title) if records_proposer(title) else set()
    said |= {w for s in lines for w in who if w in s.text or w in party_letters(s.text)}
    others = set().union(*(claimed_proposers(s.text) for s in lines)) - who if lines else set()
    position = max(0, t.claim.text.lower().find("forslag"))
    if who <= said:
        t.add(FOUND, "proposer_found", position, lines[:1], claimed=", ".join(sorted(who)))
    elif others and not said:
        t.add(CONTRADICTED, "proposer_other", position, lines[:1], claimed=", ".join(sorted(who)), who=", ".join(sorted(others)))
    else:
        t.add(ABSENT, "proposer_absent", position, claimed=", ".join(sorted(who)))
