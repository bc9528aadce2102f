"""French and Spanish attribution: cue forms and the speaker phrase after an inverted cue.

News in French and Spanish mostly attributes with a compound past (``a déclaré``, ``ont
affirmé``), a present (``affirme``, ``dice``), a preterite (``dijo``, ``afirmó``) or an inverted
pronoun (``a-t-il ajouté``, ``affirme-t-elle``). Speaker phrases there are lowercase-heavy
(``le porte-parole du gouvernement, le colonel Youssouf Tangara``), so the phrase after an inverted
cue is taken up to the clause end and its name picked from its comma-separated parts.
"""

from __future__ import annotations

import re

# Past participle -> lemma; each also yields "a P", "ont P", "a-t-il P", "a-t-elle P".
_FR_PARTICIPLES: dict[str, str] = {
    "dit": "dire",
    "déclaré": "déclarer",
    "affirmé": "affirmer",
    "expliqué": "expliquer",
    "ajouté": "ajouter",
    "souligné": "souligner",
    "précisé": "préciser",
    "annoncé": "annoncer",
    "indiqué": "indiquer",
    "écrit": "écrire",
    "assuré": "assurer",
    "estimé": "estimer",
    "averti": "avertir",
    "rappelé": "rappeler",
    "répondu": "répondre",
    "confirmé": "confirmer",
    "insisté": "insister",
    "martelé": "marteler",
    "lancé": "lancer",
    "confié": "confier",
}
# Present-tense forms (also inverted: "affirme-t-elle", "dit-il").
_FR_PRESENT: dict[str, str] = {
    "dit": "dire",
    "affirme": "affirmer",
    "déclare": "déclarer",
    "explique": "expliquer",
    "ajoute": "ajouter",
    "souligne": "souligner",
    "précise": "préciser",
    "estime": "estimer",
    "assure": "assurer",
    "témoigne": "témoigner",
    "confie": "confier",
    "résume": "résumer",
    "raconte": "raconter",
    "poursuit": "poursuivre",
    "insiste": "insister",
    "indique": "indiquer",
}
_ES: dict[str, str] = {
    "dijo": "decir",
    "dice": "decir",
    "afirmó": "afirmar",
    "afirma": "afirmar",
    "declaró": "declarar",
    "explicó": "explicar",
    "explica": "explicar",
    "agregó": "agregar",
    "añadió": "añadir",
    "sostuvo": "sostener",
    "informó": "informar",
    "anunció": "anunciar",
    "confirmó": "confirmar",
    "advirtió": "advertir",
    "advierten": "advertir",
    "advierte": "advertir",
    "estimó": "estimar",
    "aseguró": "asegurar",
    "asegura": "asegurar",
    "señaló": "señalar",
    "indicó": "indicar",
    "precisó": "precisar",
    "subrayó": "subrayar",
    "destacó": "destacar",
    "manifestó": "manifestar",
    "respondió": "responder",
    "comentó": "comentar",
    "según": "según",
}
_OTHER: dict[str, str] = {
    "selon": "selon",
    "sagte": "sagen",
    "erklärte": "erklären",
    "ha detto": "dire",
    "ha dichiarato": "dichiarare",
}


def _build() -> dict[str, str]:
    out: dict[str, str] = {}
    for part, lemma in _FR_PARTICIPLES.items():
        out[part] = lemma
        for aux in ("a", "ont", "a-t-il", "a-t-elle", "ont-ils", "ont-elles"):
            out[f"{aux} {part}"] = lemma
    for form, lemma in _FR_PRESENT.items():
        out[form] = lemma
        glue = "-" if form.endswith(("t", "d")) else "-t-"
        for pron in ("il", "elle"):
            out[f"{form}{glue}{pron}"] = lemma
    out.update(_ES)
    out.update(_OTHER)
    return out


FOREIGN_CUES: dict[str, str] = _build()

# The pronoun an inverted French cue carries: "a-t-il ajouté" -> "il".
INVERTED_PRONOUN_RE = re.compile(r"-(?:t-)?(il|elle|ils|elles)\b")
# Complementizers after a foreign cue: "a affirmé que", "dijo que", "qu’il".
FOREIGN_THAT_RE = re.compile(r"\s*(?:que|qu’|qu')\s*")
_INCISE_RE = re.compile(
    r"\s*(?:(?:dans|en|lors d[e’']|à|au|sur|ce|cette|mardi|lundi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|en un|a la|ante)\b[^,]*?(?=\s+(?:le|la|les|l’|el|la|los|las|"
    r"un|une|su|sus|son|sa|ses|[A-ZÀ-Ý]))|ainsi|así)?\s*"
)
_NAME_RE = re.compile(r"^(?:[A-ZÀ-Ý][\w’'.-]+)(?:\s+(?:[A-ZÀ-Ý][\w’'.-]+|de|del|da|ben))*$")


def foreign_speaker_span(text: str, start: int, end: int) -> tuple[int, int, str, str | None]:
    """The speaker phrase after an inverted foreign cue, up to the sentence end.

    Returns ``(start, end, name_part, role_part)``: with commas, the name is the last part when
    it is a proper name ("la ministra de Producción, Verónica Aldaz"), else the first part
    ("Awa Ndiaye, 27 ans, étudiante en droit").
    """
    lead = _INCISE_RE.match(text, start, end)
    s = lead.end() if lead else start
    seg = text[s:end].rstrip(' .;:!?»”"')
    e = s + len(seg)
    parts = [p.strip() for p in seg.split(",")]
    if len(parts) > 1 and _NAME_RE.match(parts[-1]):
        return s, e, parts[-1], ", ".join(parts[:-1])
    return s, e, parts[0], ", ".join(parts[1:]) or None
