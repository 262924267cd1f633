"""The language of questions and claims: the one place that knows Danish (and English) words.

- `words`: tokens, the one Danish stemmer, stopwords, question words, language detection, names;
- `sentences`: the one sentence splitter (spans of passages, sentences of generated text);
- `dates`: months in Danish and English, dates and periods as questions write them;
- `numbers`: amounts, quantities and vote counts as Danish minutes write them;
- `cues`: what a question asks for (decision, vote, recommendation, attendance), follow-up cues, planned
  treatments, the signals of a key point;
- `claims`: what a claim states and how the minutes record it (the fact-check's vocabulary).

Every entry documents the variation it covers; `tests/test_vocabulary_*.py` and `tests/test_claims_vocabulary.py` pin each rule with a table.
Headings of the minutes themselves (Beslutning, Indstilling ...) belong to `ingest.vocabulary`.
"""
