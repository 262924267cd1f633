"""What a fact-check says, entirely in the claim's language: the verdict, the meeting, date, item number
and title, and per part what the minutes say, each with its citation key."""

from __future__ import annotations

from qa.messages import meeting_label
from qa.types import SourceRef

ACTS = {
    "da": {"approved": "godkendt", "rejected": "ikke godkendt", "noted": "taget til efterretning",
           "referred": "sendt videre eller tilbage", "postponed": "udsat", "undecided": "ingen endelig stilling"},
    "en": {"approved": "approved", "rejected": "not approved", "noted": "noted",
           "referred": "sent on or back", "postponed": "postponed", "undecided": "no final position"},
}

MESSAGES = {
    "da": {
        "amount_found": "{claimed} står i referatet",
        "amount_other": "referatet siger {stated}, ikke {claimed}",
        "amount_decision": "beslutningen siger {stated}, ikke {claimed}",
        "amount_absent": "{claimed} står ikke i sagen",
        "quantity_found": "{claimed} står i referatet",
        "quantity_other": "referatet siger {stated}, ikke {claimed}",
        "quantity_absent": "{claimed} står ikke i sagen",
        "votes_found": "{pro} for og {con} imod",
        "votes_other": "afstemningen var {pro} for og {con} imod, ikke {cpro} for og {ccon} imod",
        "votes_absent": "ingen optælling af stemmer i beslutningen",
        "for_found": "{pro} stemmer for",
        "for_other": "{pro} stemte for, ikke {cpro}",
        "for_party_found": "{claimed} stemte for",
        "for_party_other": "{who} stemte ikke for (imod eller undlod)",
        "for_party_absent": "at {claimed} stemte for, står ikke i beslutningen",
        "against_found": "imod stemte {who}",
        "against_other": "imod stemte {who}, ikke {claimed}",
        "against_abstained": "{claimed} undlod at stemme og stemte ikke imod",
        "against_none": "beslutningen nævner ingen, der stemte imod",
        "against_absent": "hvem der stemte imod, står ikke i beslutningen",
        "abstain_found": "{who} undlod at stemme",
        "abstain_other": "{claimed} undlod ikke at stemme ifølge beslutningen",
        "no_dissent_found": "ingen stemte imod",
        "no_dissent_other": "imod stemte {who}",
        "act_found": "beslutningen: {decided}",
        "act_other": "påstanden siger {claimed}, men beslutningen var: {decided}",
        "act_absent": "referatet har ingen beslutning",
        "recommendation_only": "referatet har kun forvaltningens indstilling (et forslag), ingen beslutning",
        "minority": "det var mindretallets ønske, ikke beslutningen",
        "negated": "beslutningen siger det modsatte",
        "statement_found": "beslutningen siger det",
        "reason_found": "begrundelsen står i beslutningen",
        "reason_other": "begrundelsen i referatet er en anden",
        "body_other": "sagen blev behandlet i {body}, ikke i {claimed}",
        "body_planned": "sagen skal videre til {claimed}; referaterne siger ikke, hvad {claimed} besluttede",
        "name_absent": "{claimed} nævnes ikke i sagen",
        "absence_found": "{claimed} var fraværende",
        "absence_absent": "fravær for {claimed} står ikke i referatet",
        "proposer_found": "{claimed} foreslog eller begærede det",
        "proposer_other": "ifølge referatet var det {who}, ikke {claimed}, der foreslog eller begærede det",
        "proposer_absent": "at {claimed} foreslog eller begærede det, står ikke i sagen",
        "date_found": "mødet var den {claimed}",
        "clause_absent": "«{claimed}» står ikke i sagen",
        "date_planned": "behandlingen den {claimed} er kun planlagt; referaterne siger ikke, hvad der da blev besluttet",
        "comparison_found": "«{claimed}» står i referatet",
        "comparison_other": "referatet siger «{stated}», ikke «{claimed}»",
        "comparison_absent": "«{claimed}» står ikke i sagen",
        "llm": "sprogmodellens vurdering: {judgement}",
        "llm_unavailable": "sprogmodellen kunne ikke svare",
        "date_other": "sagen blev behandlet den {stated}, ikke den {claimed}",
    },
    "en": {
        "amount_found": "{claimed} is in the minutes",
        "amount_other": "the minutes say {stated}, not {claimed}",
        "amount_decision": "the decision says {stated}, not {claimed}",
        "amount_absent": "{claimed} is not in the item",
        "quantity_found": "{claimed} is in the minutes",
        "quantity_other": "the minutes say {stated}, not {claimed}",
        "quantity_absent": "{claimed} is not in the item",
        "votes_found": "{pro} for and {con} against",
        "votes_other": "the vote was {pro} for and {con} against, not {cpro} to {ccon}",
        "votes_absent": "the decision records no vote count",
        "for_found": "{pro} votes for",
        "for_other": "{pro} voted for, not {cpro}",
        "for_party_found": "{claimed} voted for",
        "for_party_other": "{who} did not vote for (against or abstained)",
        "for_party_absent": "the decision does not say {claimed} voted for",
        "against_found": "voting against: {who}",
        "against_other": "voting against: {who}, not {claimed}",
        "against_abstained": "{claimed} abstained and did not vote against",
        "against_none": "the decision records no one voting against",
        "against_absent": "the decision does not say who voted against",
        "abstain_found": "{who} abstained",
        "abstain_other": "{claimed} did not abstain according to the decision",
        "no_dissent_found": "no one voted against",
        "no_dissent_other": "voting against: {who}",
        "act_found": "the decision: {decided}",
        "act_other": "the claim says {claimed}, but the decision was: {decided}",
        "act_absent": "the minutes record no decision",
        "recommendation_only": "the minutes hold only the administration's recommendation (a proposal), no decision",
        "minority": "that was the minority's wish, not the decision",
        "negated": "the decision says the opposite",
        "statement_found": "the decision says so",
        "reason_found": "the reason is in the decision",
        "reason_other": "the minutes give another reason",
        "body_other": "the case was treated by {body}, not {claimed}",
        "body_planned": "the case goes on to {claimed}; the minutes do not say what {claimed} decided",
        "name_absent": "{claimed} is not named in the item",
        "absence_found": "{claimed} was absent",
        "absence_absent": "the minutes do not record {claimed} as absent",
        "proposer_found": "{claimed} proposed or asked for it",
        "proposer_other": "according to the minutes {who}, not {claimed}, proposed or asked for it",
        "proposer_absent": "the item does not say {claimed} proposed or asked for it",
        "date_found": "the meeting was on {claimed}",
        "clause_absent": "“{claimed}” is not in the item",
        "date_planned": "the treatment on {claimed} is only planned; the minutes do not say what was decided then",
        "comparison_found": "“{claimed}” is in the minutes",
        "comparison_other": "the minutes say “{stated}”, not “{claimed}”",
        "comparison_absent": "“{claimed}” is not in the item",
        "llm": "the language model's judgement: {judgement}",
        "llm_unavailable": "the language model did not answer",
        "date_other": "the item was treated on {stated}, not {claimed}",
    },
}

LLM_JUDGEMENTS = {  # the prompt's one-word answers, as each language says them
    "da": {"støttet": "støttet", "modsagt": "modsagt", "ukendt": "ukendt"},
    "en": {"støttet": "supported", "modsagt": "contradicted", "ukendt": "unknown"},
}

VERDICTS = {
    "da": {
        "not_found": "Påstanden kan ikke efterprøves: referaterne omtaler ikke sagen.",
        "not_found_item": "Påstanden kan ikke efterprøves: {where}, pkt. {number} «{title}» omtaler sagen, "
                          "men ikke det, påstanden siger: {findings}.",
        "supported": "Påstanden stemmer med {where}, pkt. {number} «{title}»: {findings}.",
        "contradicted": "Påstanden modsiges af {where}, pkt. {number} «{title}»: {findings}.",
        "partly_supported": "Påstanden stemmer kun delvist med {where}, pkt. {number} «{title}»: {findings}.",
    },
    "en": {
        "not_found": "The claim cannot be checked: the minutes do not mention the matter.",
        "not_found_item": "The claim cannot be checked: {where}, item {number} “{title}” mentions the matter, "
                          "but not what the claim says: {findings}.",
        "supported": "The claim agrees with {where}, item {number} “{title}”: {findings}.",
        "contradicted": "The claim is contradicted by {where}, item {number} “{title}”: {findings}.",
        "partly_supported": "The claim agrees only in part with {where}, item {number} “{title}”: {findings}.",
    },
}


def message(language: str, key: str, **values: str) -> str:
    return MESSAGES[language][key].format(**values)


def act_name(language: str, act: str) -> str:
    return ACTS[language].get(act, act)


def explain(language: str, verdict: str, ref: SourceRef | None = None, findings: list[str] | None = None) -> str:
    if ref is None:
        return VERDICTS[language]["not_found"]
    text = VERDICTS[language][verdict].format(where=meeting_label(ref, language), number=ref.item_number,
                                              title=ref.item_title, findings="; ".join(findings or []))
    return text.replace(": .", ".").replace("..", ".")
