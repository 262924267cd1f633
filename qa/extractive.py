"""The offline answerer: no LLM, only the minutes' own words.

- decision and vote questions: the decision of the item the question is about, whole and verbatim, with
  meeting, date and item; beside it the recommendation when the decision refers to it ("Anbefales",
  "punkt 1-3 godkendt"), labelled as the administration's proposal; then the sentences of the item that
  carry what was asked (a name, an amount, a date); the same case at other meetings, newest first.
  Where the item has no decision, that is said and the recommendation is quoted as such;
- recommendation questions: the administration's recommendation, labelled as a proposal;
- other questions: the item the evidence points to most, its sentences that answer the question (chosen by
  `qa.sentence_choice`), with the sentence after (or before) when the fact spills over, then the item's
  decision whole.
"""

from __future__ import annotations

from dataclasses import replace

from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa import messages
from qa.citations import CitationRegistry
from qa.messages import meeting_label
from qa.question import Question
from qa.retrieval import Retriever, item_section
from qa.scope import Leaning, leaning
from qa.sentence_choice import Candidate, Span, Wanted, candidates, quote, quote_chosen, select
from qa.treatments import STANDING_CASE, year_by_year
from qa.treatments import names_same_case as _names_same_case
from qa.types import Citation, Passage, QuestionKind
from qa.vocabulary.archive import procedural_title
from qa.vocabulary.cues import records_vote, refers_to_recommendation
from qa.vocabulary.dates import years_in
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems, name_stems

_WHOLE_DECISION = 1500  # characters of a decision quoted whole; a longer one is quoted by its sentences
_RECOMMENDATION_QUOTE = 900  # characters of a recommendation quoted beside a decision that refers to it
_FACT_SENTENCES = 3  # sentences quoted for a fact question (with their spill-over)
_FACT_ITEMS = 3  # items (those the evidence points to most) whose sentences a fact question's answer is sought in
_SUPPORT_WEIGHT = 0.3  # a sentence's score for the evidence's support of its item (the best-supported item: all of it)
_WHOLE_HISTORY_DECISION = 600  # characters of the decision of a treatment the evidence does not hold quoted whole
_LEAN_WEIGHT = 0.35  # a sentence's score for each pointer of the question (committee, period) its item matches


def answer_extractively(question: Question, passages: list[Passage], retriever: Retriever) -> tuple[str, list[Citation]]:
    registry = CitationRegistry()
    if question.kind in (QuestionKind.DECISION, QuestionKind.VOTE, QuestionKind.RECOMMENDATION):
        lines = _item_answers(question, passages, retriever, registry)
        if lines:
            return "\n".join(lines), registry.citations
    return _fact_answer(question, passages, retriever, registry), registry.citations


def _item_key(passage: Passage) -> tuple[str, str, str]:
    return passage.source.meeting_id, passage.source.item_number, passage.source.item_title


def _leaning(question: Question, retriever: Retriever | None) -> Leaning:
    """The committees and period the question points to, among the archive's committees."""
    if retriever is None:
        return Leaning()
    return leaning(question.text, {m.committee for m in retriever.store.catalogue.meetings() if m.committee})


def _support(passages: list[Passage]) -> dict[tuple[str, str, str], float]:
    """How strongly the evidence points to each item: every passage of it in the top eight counts, by rank."""
    support: dict[tuple[str, str, str], float] = {}
    for rank, passage in enumerate(passages[:8]):
        support[_item_key(passage)] = support.get(_item_key(passage), 0.0) + 1.0 / (rank + 1)
    return support


def _case_support(passages: list[Passage], retriever: Retriever | None) -> dict[tuple[str, str, str], float]:
    """How strongly the evidence points to each item's case: the support of every item of the evidence's top
    eight of the same case, summed. A case treated by a committee and then the council is one case, however
    its passages are spread over the two treatments. Items are the same case by their case number; only
    where one lacks it, by a title naming the same case ("Placering af ny daginstitution i Greve Midt" and
    "... ved Greve Borgerhus" are two cases: their numbers differ)."""
    support = _support(passages)
    first = {_item_key(p): p.source for p in reversed(passages[:8])}
    numbers = {key: _case_number(retriever, source) for key, source in first.items()}
    keys = list(support)
    case = {key: key for key in keys}  # each item's case: the first item of it in the evidence

    def same(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
        if numbers[a] and numbers[b]:  # a case number says which case, whatever the titles
            return numbers[a] == numbers[b]
        if retriever is None:
            return _same_case_title(a[2], b[2])
        return _names_same_case(retriever, a[2], b[2])

    for n, key in enumerate(keys):
        case[key] = next((case[other] for other in keys[:n] if same(key, other)), key)
    total: dict[tuple[str, str, str], float] = {}
    for key in keys:
        total[case[key]] = total.get(case[key], 0.0) + support[key]
    return {key: total[case[key]] for key in keys}


def _case_number(retriever: Retriever | None, source: SourceRef) -> str:
    """The item's case number, when it names one case (not a standing item's number on many items)."""
    if retriever is None:
        return ""
    catalogue = retriever.store.catalogue
    row = catalogue.item(source.meeting_id, source.item_number, source.item_title)
    if row is None or not row.case_number or procedural_title(row.title):
        return ""
    return row.case_number if len(catalogue.items_of_case(row.case_number)) <= STANDING_CASE else ""


def target_items(question: Question, passages: list[Passage], retriever: Retriever | None = None) -> list[Passage]:
    """The passages standing for the items the question is about: the best item first, then the same case
    at other meetings (an item whose title shares most of its words), newest first.

    The best item is of the case the evidence points to most (every passage of the case's items in the top
    eight counts, by its rank: a committee's and the council's treatment are one case), of that case the item
    the question's committee or period points to (`qa.scope.Leaning`), then the one the evidence points to
    most; for decision, vote and recommendation questions, an item the question names by its title
    comes first (each title word weighted by how specific it is, with a retriever), and for a vote question
    an item whose decision records a vote."""
    terms = set(question.terms)
    by_title = question.kind is not QuestionKind.FACT

    def title_match(p: Passage) -> float:
        title = set(content_stems(p.source.item_title))
        if retriever is not None:
            return retriever.title_share(title, terms)
        return len(title & terms) / len(title) if title else 0.0

    def votes(p: Passage) -> bool:
        return question.kind is QuestionKind.VOTE and p.source.section is SectionKind.DECISION and records_vote(p.text)

    support, case, lean = _support(passages), _case_support(passages, retriever), _leaning(question, retriever)

    def named(p: Passage) -> tuple[bool, bool]:  # its title named, and with the title's numbers
        by_name = by_title and title_match(p) >= 0.5
        return by_name, by_name and lean.names_numbers(p.source.item_title)

    # of one case (its support summed over its treatments), the treatment the question's committee or period
    # points to first; of titles alike, the one whose numbers the question names ("2. behandling")
    ranked = sorted(enumerate(passages[:8]), key=lambda ip: (-votes(ip[1]), *(-n for n in named(ip[1])),
                                                             -case[_item_key(ip[1])],
                                                             -lean.of(ip[1].source.committee, ip[1].source.meeting_date),
                                                             -support[_item_key(ip[1])], ip[0]))
    chosen: list[Passage] = []
    for _, passage in ranked:
        if _item_key(passage) in {_item_key(c) for c in chosen}:
            continue
        if not chosen:
            chosen.append(passage)
        elif _same_case_title(passage.source.item_title, chosen[0].source.item_title) and len(chosen) < 3:
            chosen.append(passage)
    # the item the question is about first, then its other treatments, newest first
    return chosen[:1] + sorted(chosen[1:], key=lambda p: (p.source.meeting_date is not None, p.source.meeting_date), reverse=True)


def _same_case_title(a: str, b: str) -> bool:
    """Titles naming the same case: most of their words shared ("Villa Sitka - salg" ~ "Salg af Villa Sitka")."""
    first, second = set(content_stems(a)), set(content_stems(b))
    return bool(first and second) and len(first & second) / len(first | second) >= 0.5


def _decision_spans(question: Question, passage: Passage, wanted: Wanted) -> list[Span]:
    """The whole decision, or for a long one its first sentences and those carrying what was asked."""
    if len(passage.text) <= _WHOLE_DECISION:
        return [(0, len(passage.text))]
    spans = sentences(passage.text)
    terms = set(question.terms) | name_stems(question.text)
    keep = set(spans[:3])
    keep |= {s for s in spans if (question.kind is QuestionKind.VOTE and records_vote(passage.text[s[0]:s[1]]))
             or wanted.score(passage.text[s[0]:s[1]]) > 0 and terms & set(content_stems(passage.text[s[0]:s[1]]))}
    return sorted(keep)


def _recommendation_spans(passage: Passage) -> list[Span]:
    """The recommendation's sentences up to about _RECOMMENDATION_QUOTE characters (numbered points whole), as
    one quote: its points are one proposal, and a citation each would push the answer's other sources down."""
    spans: list[Span] = []
    for start, end in sentences(passage.text):
        if spans and end - spans[0][0] > _RECOMMENDATION_QUOTE:
            break
        spans.append((start, end))
    return [(spans[0][0], spans[-1][1])] if spans else []


def _item_answers(question: Question, passages: list[Passage], retriever: Retriever, registry: CitationRegistry) -> list[str]:
    store = retriever.store
    language = question.language
    wanted = Wanted.of(question.text)
    lines: list[str] = []
    targets = target_items(question, passages, retriever)
    for target in targets:
        ref = target.source
        where = meeting_label(ref, language)
        recommendations = item_section(store, ref, SectionKind.RECOMMENDATION)
        decisions = [] if question.kind is QuestionKind.RECOMMENDATION else item_section(store, ref, SectionKind.DECISION)
        if decisions:
            text = " ".join(quote(registry, p, _decision_spans(question, p, wanted)) for p in decisions)
            lines.append(messages.DECIDED[language].format(where=where, number=ref.item_number, title=ref.item_title, text=text))
            if recommendations and refers_to_recommendation(" ".join(p.text for p in decisions)):
                proposal = " ".join(quote(registry, p, _recommendation_spans(p)) for p in recommendations[:1])
                lines.append(messages.REFERRED_RECOMMENDATION[language].format(text=proposal))
            continue
        if question.kind is not QuestionKind.RECOMMENDATION:
            lines.append(messages.NO_DECISION[language].format(where=where, number=ref.item_number, title=ref.item_title))
        if recommendations:
            text = " ".join(f"«{p.text}» [{registry.add(p)}]" for p in recommendations[:2])
            line = messages.RECOMMENDATION[language].format(text=text)
            if question.kind is QuestionKind.RECOMMENDATION:
                line = f"{where}, pkt. {ref.item_number} «{ref.item_title}». " + line
            lines.append(line)
    if lines and question.kind is not QuestionKind.VOTE:  # a vote stands in the decision
        item = retriever.item_passages(targets[0].source)
        said = set(content_stems(" ".join([targets[0].source.item_title]
                                          + [p.text for p in item if p.source.section is SectionKind.DECISION])))
        case_text = [p for p in item if p.source.section not in (SectionKind.DECISION, SectionKind.RECOMMENDATION)]
        # the sentences carrying the kind of fact asked for; for a decision question, also those holding words
        # of the question that neither the decision nor the title says ("Godkendt." does not say which rent
        # increases were approved)
        unsaid = question.kind is QuestionKind.DECISION and not wanted.any()
        chosen = [c for c in select(candidates(question, wanted, case_text, passages, retriever), wanted, 2)
                  if wanted.score(c.sentence) > 0 or (unsaid and c.focus - said)]
        if chosen:
            lines.append(messages.DETAILS[language].format(text=quote_chosen(registry, wanted, chosen)))
    if targets:
        lines += _case_history(question, retriever, targets[0].source, passages, {_item_key(t) for t in targets}, registry)
    return lines


def _normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def _case_history(question: Question, retriever: Retriever, first: SourceRef, passages: list[Passage],
                  shown: set[tuple[str, str, str]], registry: CitationRegistry) -> list[str]:
    """The same case at other meetings (`qa.treatments.year_by_year`: for a question over a span of years, a
    treatment of each year first), each with its decision: for one the evidence or its year's search holds,
    whole (a long one by its lead and the sentences carrying what was asked) and the sentence of its case
    carrying the fact asked for (with no kind of fact asked for: an amount) that covers most of the question,
    over a span of years one naming the treatment's own year first; for another, its lead."""
    wanted = Wanted.of(question.text)
    carried = wanted if wanted.any() else Wanted(amount=True)
    lines = []
    lean = _leaning(question, retriever)
    for other, in_evidence in year_by_year(retriever, question, first, passages, shown, lean):
        item = retriever.item_passages_of((other.meeting_id, other.number, other.title))
        decisions = [p for p in item if p.source.section is SectionKind.DECISION]
        if not decisions:
            continue
        if in_evidence:
            text = " ".join(quote(registry, p, _decision_spans(question, p, wanted)) for p in decisions)
        else:  # a treatment the evidence does not hold is named by its decision's lead
            lead = decisions[0]
            text = quote(registry, lead, [(0, len(lead.text))] if len(lead.text) <= _WHOLE_HISTORY_DECISION
                         else sentences(lead.text)[:2])
        lines.append(messages.ALSO_TREATED[question.language].format(
            where=meeting_label(other, question.language), number=other.number, title=other.title, text=text))
        if not in_evidence:
            continue
        case_text = [p for p in item if p.source.section is not SectionKind.DECISION]
        quoted = {_normalised(c.quote) for c in registry.citations}  # a case text repeats the one before it
        facts = [c for c in candidates(question, carried, case_text, passages, retriever)
                 if carried.score(c.sentence) > 0 and c.focus and _normalised(c.sentence) not in quoted]
        if lean.years and other.meeting_date:  # year by year: the fact of the treatment's own year first
            facts.sort(key=lambda c: other.meeting_date.year not in years_in(c.sentence))
        fact = next(iter(facts), None)
        if fact is not None:
            lines.append(messages.DETAILS[question.language].format(text=quote_chosen(registry, carried, [fact])))
    return lines


def _fact_answer(question: Question, passages: list[Passage], retriever: Retriever, registry: CitationRegistry) -> str:
    """The sentences that answer the question, from the item they stand in, and that item's decision whole.

    The sentences are sought in the items the evidence points to most and those the question's committee or
    period points to (each sentence's score carrying its item's share of that support and the pointers it
    matches: of two treatments repeating one case text, the one the question names), the further ones only
    in the item of the best."""
    support = _support(passages)
    strongest = max(support.values(), default=1.0)
    wanted = Wanted.of(question.text)
    lean = _leaning(question, retriever)
    pointed = {_item_key(p): lean.of(p.source.committee, p.source.meeting_date) for p in passages}
    most = max(pointed.values(), default=0)
    keys = sorted(support, key=lambda k: -support[k])[:_FACT_ITEMS]
    keys += [k for k, n in pointed.items() if most and n == most and k not in keys]  # the treatment pointed to
    found: list[tuple[Candidate, float, float]] = []  # a sentence, its item's share of the support, its pointers
    for key in keys:
        first = next(p for p in passages if _item_key(p) == key)
        item = retriever.item_passages(first.source) or [p for p in passages if _item_key(p) == key]
        share, pointers = _SUPPORT_WEIGHT * support.get(key, 0.0) / strongest, _LEAN_WEIGHT * pointed.get(key, 0)
        found += [(c, share, pointers) for c in candidates(question, wanted, item, passages, retriever)]
    # A sentence repeated word for word at several treatments (a case text going from a committee to the
    # council) is one sentence: each copy scores as its best copy (the one retrieved, of the best supported
    # item), and of equal copies the one at the first treatment, where the case was presented, leads, unless
    # the question points to another.
    copies: dict[str, dict[tuple[str, str, str], float]] = {}  # a sentence → its best score at each item
    for c, share, _ in found:
        at = copies.setdefault(_normalised(c.sentence), {})
        at[_item_key(c.passage)] = max(at.get(_item_key(c.passage), float("-inf")), c.score + share)
    scored = [replace(c, score=max([c.score + share] + [v for k, v in copies[_normalised(c.sentence)].items()
                                                        if k != _item_key(c.passage)]) + pointers)
              for c, share, pointers in found]
    scored.sort(key=lambda c: (-c.score, retriever.held(c.passage.source)))
    if not scored:
        return ""
    best = select(scored, wanted, 1)[0]
    source = best.passage.source
    same_item = [c for c in scored if _item_key(c.passage) == _item_key(best.passage)]
    chosen = [best] + [c for c in select(same_item, wanted, _FACT_SENTENCES) if c is not best][:_FACT_SENTENCES - 1]
    decisions = [p for p in retriever.item_passages(source) if p.source.section is SectionKind.DECISION]
    facts = [c for c in chosen if c.passage.source.section is not SectionKind.DECISION]
    where = meeting_label(source, question.language)
    found = quote_chosen(registry, wanted, facts) if facts else ""  # cited first: what answers the question
    decided = " ".join(quote(registry, p, _decision_spans(question, p, wanted)) for p in decisions)
    if facts:
        lines = [messages.ACCORDING_TO[question.language].format(
            where=where, number=source.item_number, title=source.item_title, text=found)]
        if decided:
            lines.append(messages.ITEM_DECISION[question.language].format(text=decided))
    else:  # the decision itself answers: quoted whole
        lines = [messages.ACCORDING_TO[question.language].format(
            where=where, number=source.item_number, title=source.item_title, text=decided)]
    lines += _case_history(question, retriever, source, passages, {_item_key(best.passage)}, registry)
    return "\n".join(lines)
