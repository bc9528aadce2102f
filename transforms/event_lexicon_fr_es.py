"""A compact French and Spanish trigger lexicon for the common PLOVER types, and a language guess.

The same shape as :mod:`transforms.event_lexicon` (type, mode, pattern, part of speech; a named
group ``t`` marks the trigger inside a pattern that checks its context). French and Spanish
share one table: their stems rarely collide, and a page is in one language. Coverage is the
frequent news verbs and nouns (demonstrate, arrest, withdraw, sign, accuse, condemn, demand,
release, meet, sanction, attack), not the full English lexicon.
"""

from __future__ import annotations

import re

__all__ = ["FUTURE_TENSE", "LEXICON_FR_ES", "NEGATION", "NOT_ACT", "PURPOSE", "language"]

_Entry = tuple[str, str | None, str, str]

# "convocará", "viajará", "partiront": a future-tense trigger is an announced act.
FUTURE_TENSE = re.compile(r"(?:ará|erá|irá|arán|erán|irán|eront|iront|eront|ront|era|ira)$")
# "n'a pas signé", "ne ... jamais", "no firmó", "sin": negation right before the trigger
# ("trabajadores no docentes marcharon" is not negated).
NEGATION = re.compile(
    r"(?:\b(?:no|nunca|jamás|sin|sans|ni)\s+(?:(?:se|lo|la|le|les|los|las|nos|ha|han|había|"
    r"habían|haber|fue|fueron|sido)\s+)*|\b(?:pas|jamais|plus|point)\s+(?:(?:été|encore|"
    r"su|pu)\s+)*|\baucune?\s+|\bningun[oa]?\s+|\btout(?:e|es)?\s+)$",
    re.I,
)
# "la date limite du retrait", "pour exiger": a topic or a purpose, not an act.
NOT_ACT = re.compile(
    r"(?:\b(?:du|des|de|del|d['’]|sobre|sur|toda|fin\s+de)\s+(?:la\s+|l['’]|las?\s+|los\s+)?"
    r"(?:\w+\s+)?$)",
    re.I,
)
PURPOSE = re.compile(r"\b(?:para|pour|afin\s+de|de|à|a)\s+$", re.I)

_FR = re.compile(r"\b(?:le|les|des|du|une|est|dans|avec|pour|sur|qui|été|au|aux)\b")
_ES = re.compile(r"\b(?:el|los|las|del|una|con|por|para|según|fue|como|y)\b")
_EN = re.compile(r"\b(?:the|and|of|to|was|were|with|for|that|is|on)\b")


def language(text: str) -> str:
    """ "en", "fr" or "es": the commonest function words in the first 3,000 characters.

    >>> language("Les manifestants se sont rassemblés devant le palais.")
    'fr'
    """
    head = text[:3000]
    counts = {
        "en": len(_EN.findall(head)),
        "fr": len(_FR.findall(head)),
        "es": len(_ES.findall(head)),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > counts["en"] else "en"


_AGREEMENT = (
    r"(?=\s+(?:\S+\s+){0,6}?(?:accords?|acuerdos?|traités?|tratados?|contrats?|contratos?|"
    r"pactes?|pactos?|convenios?|conventions?|déclarations?|declaración|memorando|protocoles?))"
)

# fmt: off
LEXICON_FR_ES: list[_Entry] = [
    # -- verbal cooperation
    ("AGREE", None, r"promis|promet(?:tent|tait|s|tre)?|prometi(?:ó|eron)|prometen?|"
                    r"(?:s['’]|se\s+)(?:est|sont|étaient|était|sont)?\s*engag(?:é|ée|és|ées|e|ent)|"
                    r"se\s+comprometi(?:ó|eron)|comprometi(?:ó|eron)", "verb"),
    ("CONSULT", None, r"négoci(?:e|ent|é|er|ait|aient|ations?)|pourparlers|"
                      r"negoci(?:a|an|ó|aron|ar|aciones|ación)|médiation|mediación", "verb"),
    ("CONSULT", "visit", r"rencontr(?:e|é|er|ent|ait|era)|(?:s['’]est|se\s+sont)\s+entretenus?|"
                         r"(?:se\s+)?reuni(?:ó|eron|rá)|réuni(?:on|ons)|reuni(?:ón|ones)|"
                         r"visit(?:e|é|er|ait|era|ó|aron|ará|a)|viaj(?:ó|aron|ará|arán|a)|"
                         r"se\s+rendra|s['’]est\s+rendu", "verb"),
    ("SUPPORT", None, r"félicit(?:e|é|ée|és|ent|er|ait)|felicit(?:ó|aron|a|an|ar)|"
                      r"(?:a|ont|avait)\s+(?P<t>salué)|salue(?!\s+ses\s+partisans)|"
                      r"(?<!se\s)celebr(?:ó|aron)|agradeci(?:ó|eron)|agradec(?:e|en)|"
                      r"soutien(?:t|nent)|soutenu|respald(?:ó|aron|a|an)|apoy(?:ó|aron)", "verb"),
    ("SUPPORT", None, rf"(?P<t>sign(?:é|és|ée|ées|er|ent|ait|aient|era)|firm(?:ó|aron|ado|ada|"
                      rf"ados|adas|ar|an|ará)|conclu|concluido)(?=\s)|"
                      rf"(?P<t2>sign(?:e|ent))(?=\s){_AGREEMENT}", "verb"),
    ("CONCEDE", None, r"(?P<t>(?:a|ont|avait)\s+reconnu)(?=\s+(?:sa|leur)\s+défaite)|"
                      r"reconoci(?:ó|eron)\s+(?:su\s+)?derrota|démissionn(?:é|e|er)|"
                      r"dimiti(?:ó|eron)|renunci(?:ó|aron)", "verb"),
    # -- material cooperation
    ("COOPERATE", None, r"coopér(?:er|ent|é|ation)|cooper(?:ar|ó|aron|ación)|"
                        r"(?P<t>participaron)(?=\s+agentes)", "verb"),
    ("AID", None, r"(?P<t>livr(?:é|és|er|ent|ait)|fourni(?:t|s|ssent)?|envoy(?:é|er)|"
                  r"entreg(?:ó|aron|ar)|don(?:ó|aron)|envi(?:ó|aron))(?=\s+(?:\S+\s+){0,5}?"
                  r"(?:aide|ayuda|armes|armas|équipements?|equipos?|vivres|alimentos|fonds|"
                  r"fondos|millions?|millones|vacunas|vaccins|système|sistema))|"
                  r"aide\s+humanitaire|ayuda\s+humanitaria", "verb"),
    ("RETREAT", "release", r"libér(?:é|ée|és|ées|er|ent|ait)|libérés|liber(?:ó|aron|ado|ada|"
                           r"ados|adas|ar)|excarcel(?:ó|aron|ado)", "verb"),
    ("RETREAT", "withdraw", r"retir(?:é|és|ée|er|ent|ait|eront|ó|aron|ado|ados|ará|arán)|"
                            r"retrait|retirada|repli|"
                            r"(?P<t>quitt(?:é|er|ent|ait|eront))(?=\s+(?:la|le|les|l['’])\s*"
                            r"(?:\w+\s+)?(?:base|pays|territoire|capitale|région))|"
                            r"(?P<t2>remis)(?=\s+(?:\S+\s+){0,3}?(?:la|le|les|l['’])\s*base)|"
                            r"partiront|partirán", "verb"),
    ("RETREAT", "ceasefire", r"cessez-le-feu|alto\s+el\s+fuego|tregua|trêve", "noun"),
    # -- verbal conflict
    ("REQUEST", "change", r"exig(?:e|é|ent|er|ait|ió|ieron|en|ir)|exhort(?:e|é|ent|ait|ó|aron)|"
                          r"réclam(?:e|é|ent|er|ait)|reclam(?:ó|aron|an|a)|"
                          r"(?P<t>appel(?:é|le|lent|ait|aient))(?=\s+(?:\S+\s+){0,5}?à\s)|"
                          r"appel(?:é|le|lent)?\s+à|llam(?:ó|aron)\s+a|"
                          r"ped(?:ir|irá|irán)|pidi(?:ó|eron)|pide|piden|"
                          r"solicit(?:ó|aron|ud)|inst(?:ó|aron)|demand(?:é|ent|ait)\s+(?:à|que)",
     "verb"),
    ("ACCUSE", "allege", r"accus(?:e|é|ée|és|ent|er|ait|aient|ation|ations)|"
                         r"acus(?:a|ó|aron|an|ado|ación|aciones)|inculp(?:é|és|ó|ado)|"
                         r"imput(?:ó|é)", "verb"),
    ("SANCTION", "discontinue", r"(?P<t>dénonc(?:é|e|ent))(?=\s+(?:\S+\s+){0,3}?(?:l['’]|le|"
                                r"les|un)\s*(?:accord|traité|convention))|"
                                r"suspend(?:u|re|ent)(?!\s+(?:\S+\s+){0,8}?activités)|"
                                r"suspendi(?:ó|eron)(?!\s+(?:\S+\s+){0,8}?actividades)|"
                                r"rompu|rompi(?:ó|eron)", "verb"),
    ("ACCUSE", "disapprove", r"dénonc(?:e|é|ent|er|ait|aient)|critiqu(?:e|é|ent|er|ait)|"
                             r"critic(?:ó|aron|a|an)|denunci(?:ó|aron|a|an)|"
                             r"(?P<t>condamn(?:e|é|ent|ait))(?!\s+à)(?=\s+(?:l['’]|la|le|les|"
                             r"cette|ces)\b)|conden(?:ó|aron)(?!\s+a\s)|repudi(?:ó|aron)", "verb"),
    ("ACCUSE", "investigate", r"enquête|investigación|investig(?:ó|a|an|aron)|"
                              r"enquêt(?:e|ent|é)", "noun"),
    ("REJECT", None, r"rejet(?:é|ée|és|er|te|tent|ait)|refus(?:e|é|ent|er|ait)|"
                     r"invalid(?:é|e|er|ó|aron)|rechaz(?:ó|aron|a|an|ado)|"
                     r"se\s+opon(?:e|en|drá|drán)|(?:s['’])?oppos(?:é|e|ent)|"
                     r"neg(?:ó|aron)|ni(?:é|ent)", "verb"),
    ("THREATEN", None, r"menac(?:e|é|ent|ait)|amenaz(?:ó|aron|a|an)", "verb"),
    # -- material conflict
    ("PROTEST", "demo", r"manifest(?:é|és|er|ent|aient|ait|ation|ations|ants?|aron|ó|an|"
                        r"ación|aciones|antes)|marcharon|marchan|marcha(?=\s+(?:por|contra|"
                        r"hacia|en))|march(?:é|ent|aient)|rassembl(?:é|és|ement|ements)|"
                        r"protest(?:é|ent|ait|ó|aron|an|as)|"
                        r"(?:s['’]|se\s+)(?:étaient|sont|est)?\s*soulev(?:é|és)|"
                        r"sit-in|concentraci(?:ón|ones)|movilizaci(?:ón|ones)", "verb"),
    ("PROTEST", "strike", r"grève(?:\s+générale)?|huelga(?:\s+general)?|paro(?:\s+general)?"
                          r"(?=\s+(?:de|el|en|nacional|contra|por)\b|\s*[,.])|"
                          r"paro\s+general", "noun"),
    ("PROTEST", "riot", r"émeutes?|disturbios", "noun"),
    ("SANCTION", "expel", r"expuls(?:é|és|ée|er|ent|ait|ó|aron|ado|ar)", "verb"),
    ("MOBILIZE", "troops", r"(?P<t>déploy(?:é|és|er|ait)|déploient|despleg(?:ó|aron|ar)|"
                           r"reforz(?:ó|aron))(?=\s+(?:\S+\s+){0,4}?(?:troupes|tropas|soldats|"
                           r"soldados|militares|militaires|forces|fuerzas|effectifs))", "verb"),
    ("COERCE", "arrest", r"arrêt(?:é|ée|és|ées|er|ent|ait)|arrestations?|interpell(?:é|és|ée)|"
                         r"incarcér(?:é|és)|détenus?|"
                         r"(?P<t>condamn(?:é|és|ée|ées))(?=\s+à)|"
                         r"detuv(?:o|ieron)|deten(?:ido|idos|ida|idas)(?!\s+(?:de|del)\b)|"
                         r"arrest(?:ó|aron|ado|ados)|captur(?:ó|aron|ado|ada|ados|adas|ar)|"
                         r"orden\s+de\s+captura|extradit(?:ó|aron|ado|ada|ados)|"
                         r"encarcel(?:ó|aron|ado)|conden(?:ado|ados|ada)(?=\s+a\s)", "verb"),
    ("COERCE", "ban", r"dissous|dissoute|dissoudre|interdi(?:t|ts|te|re|sent)|prohibi(?:ó|eron)|"
                      r"(?P<t>suspend(?:u|re|ent))(?=\s+(?:\S+\s+){0,8}?activités)|"
                      r"(?P<t2>suspendi(?:ó|eron))(?=\s+(?:\S+\s+){0,8}?actividades)|"
                      r"(?P<t3>ordonn(?:é|e))(?=\s+(?:\S+\s+){0,5}?de\s+cesser)", "verb"),
    ("ASSAULT", None, r"attaqu(?:e|é|és|ent|er|ait|es)|attentats?|embuscades?|"
                      r"tu(?:é|és|ée|ées)|bombard(?:é|ement|ements)|affrontements|"
                      r"atac(?:ó|aron|ar)|ataques?|emboscadas?|asesin(?:ó|aron|ato)|"
                      r"mat(?:ó|aron)|enfrentamientos|bombarde(?:ó|aron|os?)", "verb"),
    ("ASSAULT", "abduct", r"enlev(?:é|és|ée|ement)|secuestr(?:ó|aron|o|ado|ados)", "verb"),
]
# fmt: on
