"""Words the wording flags treat specially, and the plain reasons an editor reads.

- :data:`NEUTRAL_TERMS`: topical and technical vocabulary (medicine, law, crime, titles) and
  neutral nouns of conflict. Word lists mark many of them negative or subjective ("virus",
  "pain", "criticism", "allegation", "Vice"), but they describe; they are never a
  ``loaded_wording`` flag by themselves (they can be part of a loaded phrase).
- :data:`LOADED_PHRASES`: multi-word loaded phrases, each flagged as one span ("onslaught of
  criticism", "drew fierce criticism", "gaffe-prone tenure").
- :data:`ALTERNATIVES`: a neutral word to offer for common loaded words.

This is reportedly's own editorial list (provenance "reportedly"); the bias model decides the
rest (see :mod:`service.engine.bias.model`).
"""

from __future__ import annotations

import re

NEUTRAL_TERMS = frozenset(
    """
virus viruses viral infection infections infected disease diseases illness illnesses symptom
symptoms fever fevers pain pains sore sores ache aches weakness muscle muscles vomiting
diarrhea diarrhoea nausea bleeding rash rashes eruption eruptions lesion lesions outbreak
outbreaks epidemic epidemics pandemic contagious fatal deaths death died dying dead patient
patients hospital hospitals clinic cancer tumor tumour stroke injury injuries injured wound
wounds wounded overdose addiction abortion abortions pregnancy
court courts judge judges jury trial trials lawsuit lawsuits suit plaintiff defendant charges
charged indictment indicted convicted conviction sentence sentenced prison jail jailed
prosecutor prosecutors prosecution attorney lawyer lawyers appeal appeals verdict guilty
felony misdemeanor custody arrest arrested arrests suspect suspects victim victims crime
crimes criminal murder murders murdered homicide manslaughter shooting shootings shot
robbery theft assault assaulted rape raped fraud bribery smuggling police investigation
investigators
vice president presidents senator senators governor minister secretary chairman chairwoman
representative congressman congresswoman speaker mayor sheriff general admiral
criticism criticisms critic critics critical criticize criticized criticised dispute disputes
disputed allegation allegations alleged accusation accusations accused accuses controversy
controversies controversial conflict conflicts debate debates protest protests protesters
opposition opponent opponents dissent disagreement disagreements rival rivals complaint
complaints objection objections challenge challenges concern concerns
entertainer entertainers celebrity actor actress singer comedian
war wars attack attacks violence military troops weapons bomb bombs bombing terror
""".split()
)

# (pattern, reason, neutral alternative or ""): one flag per match
LOADED_PHRASES: tuple[tuple[str, str, str], ...] = (
    (
        r"(?:onslaught|barrage|torrent|firestorm|avalanche|storm|deluge|hail|flood)\s+of\s+"
        r"(?:criticism|condemnation|attacks|abuse|outrage|complaints|questions|scrutiny)",
        "dramatises the reaction as an assault",
        "criticism from many quarters",
    ),
    (
        r"drew\s+(?:fierce|harsh|sharp|withering|scathing|blistering|furious|angry|heavy)\s+"
        r"(?:criticism|condemnation|rebukes?|fire|backlash)",
        "turns criticism into a fight and takes its side on how severe it was",
        "was criticised",
    ),
    (
        r"[a-z]+-prone(?:\s+(?:tenure|presidency|campaign|candidate|politician|leader|career))?",
        "labels the person by their mistakes instead of reporting one",
        "",
    ),
    (
        r"white-?wash(?:es|ed|ing)?",
        "accuses an account of hiding wrongdoing",
        "describe what was left out",
    ),
)
_PHRASES = [(re.compile(r"\b" + p + r"\b", re.I), reason, alt) for p, reason, alt in LOADED_PHRASES]

ALTERNATIVES = {
    "slammed": "criticized",
    "blasted": "criticized",
    "lambasted": "criticized",
    "ripped": "criticized",
    "scathing": "critical",
    "radical": "name the position",
    "extremist": "name the position",
    "extreme": "name the position",
    "regime": "government",
    "scheme": "plan",
    "ploy": "move",
    "propaganda": "statements",
    "bogus": "disputed",
    "baseless": "unsupported",
    "debunked": "disputed",
    "notorious": "known",
    "infamous": "known",
    "disgraced": "former",
    "embattled": "under pressure",
    "controversial": "disputed",
    "so-called": "",
    "slash": "cut",
    "slashed": "cut",
    "skyrocketing": "rising",
    "soaring": "rising",
    "plummeting": "falling",
    "crippling": "severe",
    "draconian": "strict",
    "hardline": "strict",
    "hard-line": "strict",
    "illegal aliens": "immigrants",
    "mob": "crowd",
    "thugs": "attackers",
    "rant": "speech",
    "tirade": "speech",
    "meltdown": "outburst",
    "gaffe": "remark",
    "whitewash": "describe what was left out",
    "smear": "criticism",
    "vile": "",
    "shameful": "",
    "disgusting": "",
    "outrageous": "",
    "absurd": "",
    "ridiculous": "",
    "insane": "",
    "lies": "false statements",
    "lied": "made false statements",
    "cronies": "allies",
    "crony": "ally",
}


def loaded_phrases(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, reason, alternative) of every listed loaded phrase in text[start:end]."""
    out = []
    for rx, reason, alt in _PHRASES:
        for m in rx.finditer(text, start, end):
            out.append((m.start(), m.end(), reason, alt))
    return sorted(out)


def plain_reason(words: str, does: str = "", alternative: str | None = None) -> str:
    """The sentence an editor reads: what the words do, and a neutral alternative."""
    does = does or "carries a judgement the facts alone do not"
    alt = ALTERNATIVES.get(words.lower(), "") if alternative is None else alternative
    reason = f"'{words}' {does}"
    if alt:  # a word to use, or an instruction ("name the position")
        reason += (
            f"; instead: {alt}"
            if alt.startswith(("name ", "describe "))
            else f"; a neutral alternative: '{alt}'"
        )
    return reason + "."
