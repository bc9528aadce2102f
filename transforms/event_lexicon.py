"""The English trigger lexicon of the event extractor: one regular expression per (type, mode).

Matched on whole words by :func:`transforms.plover.find_triggers`; a named group ``t`` (or
``t2``..``t4``) marks the trigger word inside a longer pattern that checks its context.
"""

from __future__ import annotations

__all__ = ["LEXICON", "Entry", "verb_forms"]

Entry = tuple[str, str | None, str, str]


def verb_forms(*bases: str) -> str:
    """Regular inflections of verbs: ``verb_forms("accuse")`` → accuse|accuses|accused|accusing."""
    forms: list[str] = []
    for b in bases:
        if b.endswith("e"):
            forms += [b, b + "s", b + "d", b[:-1] + "ing"]
        elif b.endswith("y") and b[-2] not in "aeiou":
            forms += [b, b[:-1] + "ies", b[:-1] + "ied", b + "ing"]
        else:
            forms += [b, b + "s", b + "ed", b + "ing"]
    return "(?:" + "|".join(forms) + ")"


_v = verb_forms

# (type, mode, pattern, part of speech). Nouns are weaker evidence than verbs (a noun often
# names an event mentioned in passing), so they get a lower confidence downstream.
# fmt: off
LEXICON: list[Entry] = [
    # -- verbal cooperation
    ("AGREE", None, rf"{_v('agree')}\s+to|{_v('pledge', 'offer')}|promised?|promising|"
                    r"(?<!old\s)promises|commit(?:s|ted|ting)?\s+to|ready\s+to", "verb"),
    ("AGREE", None, r"reach(?:ed|es|ing)?\s+(?:a\s+)?(?:consensus|understanding)", "verb"),
    ("AGREE", None, r"(?P<t>announc(?:ed|es|ing)\s+(?:a|an|the)\s+(?:new\s+)?(?:\S+\s+){0,3}?"
                    r"package)", "verb"),
    ("REQUEST", "meet", rf"{_v('invite')}", "verb"),
    ("CONSULT", None, rf"{_v('negotiate', 'consult', 'mediate')}|{_v('host')}|"
                      r"(?:peace\s+)?talks|negotiations", "noun"),
    ("CONSULT", "visit", rf"{_v('attend')}(?!\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:hearing|trial|"
                         r"funeral|court|ceremony|school|university|church|mass|classes)\b)|travell?(?:ed|ing|s)?\s+to|flew\s+to|"
                         r"(?:take|took|taking)\s+part(?!\s+in\s+(?:\S+\s+){0,2}(?:strikes|attacks))",
     "verb"),
    ("CONSULT", None, r"\bmet\b|meets?\s+with|held\s+talks", "verb"),
    ("CONSULT", "visit", r"meetings?(?!\s+the\s+(?:\S+\s+){0,3}?deadline)", "noun"),
    ("CONSULT", "visit", rf"{_v('visit')}|(?:state|official)\s+visit|trip\s+to", "verb"),
    ("CONSULT", "phone", r"(?:phone|telephone)\s+(?:call|conversation)|spoke\s+by\s+phone|"
                         r"phoned|telephoned|phones", "verb"),
    # "told" is only a consultation between two sides; events.py checks the countries differ.
    ("CONSULT", "_told", r"(?P<t>told)(?!\s+(?:reporters|journalists|lawmakers|a\s+news|news|"
                         r"AFP|Reuters|CNN|the\s+(?:press|media|newspaper|agency|Associated|BBC|"
                         r"AP)\b))", "verb"),
    ("SUPPORT", None, rf"{_v('praise', 'endorse', 'hail', 'commend', 'laud')}|"
                      r"welcome(?:s|d)?(?!\s+to\s+(?:our|the|this))|welcoming|"
                      rf"{_v('support', 'defend', 'apologize', 'apologise')}|backed|backing|backs|"
                      r"back(?!\s+(?:in|then|home|to|from|when|and|at|on)\b)|"
                      r"expressed\s+support|thanked", "verb"),
    ("SUPPORT", None, rf"(?P<t>{_v('sign')})(?=\s+(?:\w+\s+){{0,5}}?(?:agreement|accord|deal|"
                      r"treaty|pact|memorandum|partnership|text|declaration|charter|contract|protocol))|"
                      r"(?P<t2>(?:cut|cutting|struck|striking|reached|reaching|concluded|"
                      r"sealed)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:deal|agreement|accord))|"
                      r"(?:agreement|accord|deal|treaty|declaration|pact|contract)s?\s+"
                      r"(?P<t3>signed|concluded)|"
                      r"(?P<t4>agreed)(?=\s+(?:that|on|upon|with|in(?!\s+principle)|last|"
                      r"earlier)\b)", "verb"),
    ("SUPPORT", None, r"(?:diplomatic\s+)?recogni[sz]ed", "verb"),
    ("CONCEDE", None, rf"{_v('concede')}|{_v('yield')}\s+to|backed\s+down|gave\s+in|"
                      r"bow(?:ed|s)?\s+to|(?P<t>dropp(?:ed|ing)|scrapp(?:ed|ing)|shelved)"
                      r"(?=\s+(?:\S+\s+){0,6}?(?:bill|measures|plans?|demands?|proposals?|tax"
                      r"|law))", "verb"),
    ("CONCEDE", None, r"(?P<t>resign(?:s|ed|ing)?|stepped\s+down|step\s+down)", "verb"),
    # -- material cooperation
    ("COOPERATE", None, rf"{_v('cooperate', 'collaborate')}|joint\s+(?:exercises?|patrols?|"
                        r"operations?)|shared\s+(?:intelligence|information)|extradited", "verb"),
    ("COOPERATE", None, r"(?P<t>helped|helping|helps)(?=\s+(?:\S+\s+){0,3}?(?:to\s+)?(?:supply|"
                        r"build|evade|develop|produce|acquire|obtain|procure|transfer|finance|"
                        r"smuggle|ship)\b)|(?P<t2>shipped|exported)(?=\s+(?:\S+\s+){0,6}?to\b)|"
                        r"built\s+(?:a\s+)?supply\s+chain|(?P<t3>trained)(?=\s+(?:\S+\s+){0,3}?"
                        r"(?:units|soldiers|troops|forces|pilots|officers|army|police)\b)", "verb"),
    ("AID", None, rf"(?P<t>{_v('deliver', 'donate', 'supply', 'provide')}|sent|sends?|"
                  r"gave|gives?|granted|grants?|unloaded)(?!\s+chains?\b)(?=\s+(?:\S+\s+){0,6}?[“\"]?(?:aid|assistance|"
                  r"weapons|arms|systems|equipment|supplies|food|funds?|funding|loans?|"
                  r"[$€£]|million|billion|asylum|vaccines|ammunition|missiles|tanks|access|"
                  r"instructors|trainers))", "verb"),
    ("AID", None, r"humanitarian\s+aid|military\s+aid|granted\s+asylum", "noun"),
    # "instructors arrived in Niamey": aid only when what arrives is help (event_types checks).
    ("AID", "_arrive", r"arrived|(?P<t>deployed)(?=\s+to\b)", "verb"),
    ("RETREAT", "release", rf"(?<!carrying\s)(?<!the\s)(?P<t>{_v('release')}|freed|frees?|freeing)"
                           r"(?!\s+by\b)(?=\s+(?:\w+\s+){0,4}?"
                           r"(?:prisoners?|hostages?|detainees?|captives?|soldiers|journalists?|"
                           r"activists?|(?-i:[A-Z])))|(?:was|were|been|be|being)\s+(?P<t2>released|freed)|"
                           rf"(?P<t3>{_v('return')})(?=\s+(?:\S+\s+){{0,3}}?(?:prisoners|"
                           r"captives|hostages|detainees|bodies))", "verb"),
    ("RETREAT", "release", r"prisoner\s+(?:exchange|swap)s?", "noun"),
    ("RETREAT", "withdraw", rf"(?:{_v('withdraw')}|withdrew|withdrawn|withdrawal|pull(?:ed|s|ing)?"
                            r"\s+out|pullout|retreat(?:s|ed|ing)?|(?P<t>pull(?:ed|s|ing)?)(?=\s+(?:\S+\s+){1,5}?"
                            r"out\b)|hand(?:ed|s|ing)?\s+(?:it\s+|them\s+)?over|"
                            r"(?P<t2>left|leave|leaves|leaving|flew\s+out)(?=\s+(?:the\s+(?:\w+\s+)"
                            r"{0,2}(?:country|base|capital|region)|Air\s+Base|by\s|first\b|"
                            r"(?-i:[A-Z]\w+\b(?!\s+(?:\w+\s+)?(?:dead|injured|wounded))))))"
                            r"(?!\s+from\s+(?:\S+\s+){0,6}?(?:deal|agreement|accord|treaty|pact))",
     "verb"),
    ("RETREAT", "ceasefire", r"cease-?fire|truce", "noun"),
    ("RETREAT", "ease", r"(?:lift(?:s|ed|ing)?|eas(?:e|es|ed|ing))(?=\s+(?:the\s+)?(?:\w+\s+){0,3}"
                        r"(?:sanctions|curfew|ban|restrictions|embargo|blockade))", "verb"),
    ("RETREAT", "disarm", rf"{_v('disarm', 'surrender', 'demobilize', 'demobilise')}", "verb"),
    # -- verbal conflict
    ("REQUEST", "change", rf"{_v('urge', 'demand', 'appeal')}|requested|requesting|"
                          r"requests?(?!\s+for\s+comment)|called\s+(?:for|on)|"
                          r"calls?\s+(?:for|on)|calling\s+(?:for|on)|"
                          r"(?-i:asked)(?!\s+(?:not\s+to|whether|if|about|how|what|why"
                          r"|when|of)\b)|asks|pressed|demands", "verb"),
    ("REQUEST", "change", r"(?P<t>ordered)(?=\s+(?:\S+\s+){0,3}?(?:release|reinstatement)\b)",
     "verb"),
    ("REQUEST", "assist", r"sought\s+(?:help|aid|assistance|support)|requested\s+extradition",
     "verb"),
    ("ACCUSE", "allege", rf"{_v('accuse', 'blame', 'allege', 'prosecute')}|convicted", "verb"),
    ("ACCUSE", "allege", r"(?:traded|repeated|made|levell?ed|renewed)\s+(?:\w+\s+)?"
                         r"(?P<t>accusations)", "verb"),
    ("ACCUSE", "disapprove", r"notes?\s+of\s+protest", "noun"),
    # "called the deal 'a feat'": events.py reads the polarity of the complement.
    ("SUPPORT", "_call", r"(?P<t>call(?:ed|ing|s)?|describ(?:ed|ing|es)|branded|labell?ed)"
                         r"(?=\s+(?:(?!for\b|on\b|off\b|up\b|in\b)[\w’'.-]+\s+){1,6}?(?:as\s+)?"
                         r"(?:an?\s+)?[“\"])", "verb"),
    # "warned that Moscow would respond": a threat only with a threatened consequence.
    ("THREATEN", "_warn", r"warn(?:ed|s|ing)", "verb"),
    ("ACCUSE", "disapprove", rf"{_v('criticize', 'criticise', 'condemn', 'denounce', 'slam')}|"
                             r"slammed|lambasted|rebuked|decried|summoned\s+(?:the\s+)?\w*\s*"
                             r"(?:ambassador|envoy|charg)|(?:lodged|filed)\s+(?:a\s+)?(?:formal"
                             r"\s+)?protest|diplomatic\s+protest", "verb"),
    ("ACCUSE", "investigate", r"investigat(?:e|es|ed)|investigating(?!\s+(?:judges?|magistrates?|"
                              r"officers?|committee|team|authorities))|probe[sd]?|probing|"
                              r"investigation|inquiry|look(?:ing|ed|s)?\s+into", "noun"),
    ("ACCUSE", "allege", r"(?P<t>sued|sues|lawsuit|filed\s+(?:a\s+)?(?:lawsuit|complaint))",
     "verb"),
    ("REJECT", None, rf"{_v('reject', 'refuse', 'veto', 'rebuff', 'dismiss', 'dispute')}|"
                     r"vetoed|ruled\s+out|turned\s+down|denied|denies|declined\s+to(?!\s+(?:say|"
                     r"comment|discuss|elaborate|give|name|specify|confirm|disclose|provide|acknowledge|"
                     r"be\s+named|answer|respond))", "verb"),
    ("REJECT", None, r"(?:ruling|order|verdict|demands?|calls?|ultimatum)\s+(?:\S+\s+){0,3}?"
                     r"(?P<t>ignored)|(?P<t2>ignor(?:ed|es|ing))(?=\s+(?:\S+\s+){0,3}?(?:ruling|"
                     r"order|verdict|demands?|calls|ultimatum|warnings?)\b)", "verb"),
    ("THREATEN", None, rf"{_v('threaten')}|threat\s+to|ultimatum|warned\s+of\s+(?:\w+\s+)?"
                       r"(?:retaliation|consequences|response)|"
                       r"reserved\s+the\s+right\s+to\s+respond", "verb"),
    # -- material conflict
    ("PROTEST", "demo", rf"{_v('protest', 'demonstrate', 'rally', 'march')}|rallied|"
                        r"demonstrations?|protests|protesters|sit-in|(?:took|take|takes|taking)\s+to\s+the\s+streets"
                        r"|chant(?:ed|ing|s)?|join(?:ed|ing)?\s+the\s+(?:crowds?|protests?|march|rally)"
                        r"|(?<!evidence\s)(?P<t>gathered)(?=\s+(?:outside|in\s+front\s+of|near)\b)"
                        r"|marched|rall(?:y|ies)", "verb"),
    ("PROTEST", "_storm", r"stormed", "verb"),
    ("PROTEST", "riot", r"riot(?:s|ed|ing)?|rioters", "verb"),
    ("PROTEST", "strike", r"(?:went|go|going|be)\s+on\s+strike|strikers|walkout|"
                          r"general\s+strike|(?P<t>strike)(?=\s+(?:by|over|against))", "verb"),
    ("PROTEST", "hunger", r"hunger\s+strike", "verb"),
    ("PROTEST", "boycott", rf"{_v('boycott')}", "verb"),
    ("PROTEST", "obstruct", r"(?:blocked|blocking|barricaded)\s+(?:\w+\s+){0,2}?"
                            r"(?:roads?|highways?|streets?|access)|barricades", "verb"),
    # Imposing sanctions is CAMEO 163: COERCE restrict, not SANCTION.
    ("COERCE", "restrict", r"(?:imposed|impose|imposes|imposing|slapped|announced|new)\s+"
                           r"(?:\w+\s+)?sanctions|sanctioned|sanctions\s+(?:on|against)|"
                           r"(?P<t>designat(?:ed|es|ing))(?=\s+(?:\S+\s+){0,4}?(?:entities|"
                           r"companies|individuals|firms|people|persons|banks|vessels))", "verb"),
    ("SANCTION", "discontinue", r"froze|frozen|(?<!asset\s)(?<!sanctions\s)freez(?:e|es|ing)|"
                                r"suspend(?:s|ed|ing)?|(?P<t2>cut(?:s|ting)?\s+off)(?=\s+(?:\S+\s+)"
                                r"{0,4}?(?:aid|assistance|funding|support|cooperation))|"
                                rf"{_v('revoke', 'terminate')}|cut\s+ties|severed|"
                                r"(?P<t>withdr(?:aw|awing|ew|awn)|pull(?:ed|ing)?\s+out)"
                                r"(?=\s+from\s+(?:\w+\s+){0,6}?(?:deal|agreement|accord|treaty|"
                                r"pact))", "verb"),
    ("SANCTION", "expel", rf"{_v('expel')}|expelled|expelling|"
                          r"(?<!president\s)ousted(?!\s+(?:president|leader|prime|former)\b)|"
                          r"(?:forced|chased|drove|driven|kicked)\s+(?:\S+\s+){0,3}?out\b|"
                          r"(?P<t>ordered)(?=\s+(?:\S+\s+){0,5}?(?:to\s+(?:leave|withdraw|depart)|"
                          r"out\b))",
     "verb"),
    ("SANCTION", "withdraw", r"(?:quit|quitting|quits)(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
                             r"(?:halted|suspended|broke\s+off|walked\s+out\s+of)\s+"
                             r"(?:the\s+)?talks|recalled\s+(?:its\s+)?(?:ambassador|envoy)",
     "verb"),
    ("MOBILIZE", "troops", rf"(?P<t>{_v('deploy', 'mobilize', 'mobilise', 'mass')}|sent|"
                           r"dispatched)(?=\s+(?:\w+\s+){0,4}?(?:troops|soldiers|forces|"
                           r"warships|tanks|reinforcements))|(?:military\s+)?buildup|"
                           r"put\s+(?:\w+\s+){0,2}on\s+(?:high\s+)?alert|"
                           r"call(?:ing|ed|s)?\s+up", "verb"),
    ("MOBILIZE", "troops", r"(?:partial\s+|general\s+)?mobili[sz]ation|military\s+drills|drills|"
                           r"war\s+games|deployment\s+of", "noun"),
    ("MOBILIZE", "police", r"(?P<t>deployed)(?=\s+(?:\w+\s+){0,3}?(?:police|riot\s+police))",
     "verb"),
    ("COERCE", "arrest", rf"arrested|arresting|arrests|charged|charging|"
                         rf"{_v('detain', 'indict', 'jail', 'imprison')}|"
                         r"sentenced|in\s+custody|rounded\s+up", "verb"),
    ("COERCE", "ban", r"barred|barring|lift(?:ed|s|ing)?\s+(?:\S+\s+){0,2}?immunity|"
                      r"stripp(?:ed|ing)\s+(?:\S+\s+){0,4}?immunity", "verb"),
    ("COERCE", "restrict", r"blockade|siege|besieged|tariffs?|embargo|imposed\s+"
                           r"(?:\w+\s+)?restrictions|shut\s+down|closed\s+(?:the\s+)?border",
     "verb"),
    ("COERCE", "ban", rf"(?:banned|bans|banning|outlawed|{_v('prohibit')})", "verb"),
    ("COERCE", "curfew", r"curfew", "noun"),
    ("COERCE", "restrict", r"(?:measures|sanctions|designations)\s+(?:also\s+)?(?P<t>hit|targeted)|"
                           r"(?P<t2>targeted)(?=\s+(?:\S+\s+){0,4}?(?:suppliers|companies|firms|"
                           r"banks|entities|individuals|shadow\s+fleet|exports|imports)\b)",
     "verb"),
    ("COERCE", "martial-law", r"martial\s+law|state\s+of\s+emergency", "noun"),
    ("COERCE", "deport", rf"{_v('deport')}|deportations?|evicted|evictions?", "verb"),
    ("COERCE", "seize", rf"{_v('seize', 'confiscate', 'annex', 'occupy', 'capture')}|occupied|"
                        r"raided|raid(?:s)?|took\s+control|looted|looting|ransacked|vandali[sz]ed|"
                        r"(?:set\s+fire|torched|burned|burnt)(?!\s+(?:\S+\s+){0,3}?(?:alive|to\s+death|"
                        r"people|civilians|villagers|residents|men|women|children))|"
                        r"(?P<t>took|taken|take)(?=\s+(?:\S+\s+){0,2}?"
                        r"(?:villages?|towns?|settlements?|cities|city|control))", "verb"),
    ("COERCE", "misinformation", r"disinformation(?:\s+campaigns?)?|misinformation",
     "noun"),
    ("COERCE", "censor", rf"{_v('censor')}|blocked\s+(?:access\s+to\s+)?(?:the\s+)?"
                         r"(?:internet|websites?|social\s+media)", "verb"),
    ("ASSAULT", None, rf"{_v('attack', 'kill', 'clash', 'ambush')}|shelled|shelling|bombed|bombing|"
                      rf"{_v('destroy')}|shot|shoot(?:s|ing)?(?!\s+down)|opened\s+fire|"
                      r"fir(?:ed|e|es|ing)\s+(?:\w+\s+){0,3}?(?:at|on|rockets|missiles|shots|tear\s+gas|"
                      r"shells|(?:shell\s+)?bombs|mortars?|artillery|"
                      r"live\s+(?:rounds|ammunition|bullets)|rubber\s+bullets)|fought|"
                      r"stabbed|wounded|injured|lynched|set\s+fire|"
                      r"torched|burned|burnt|hacked\s+to\s+death|beat\s+up|beaten|assaulted|"
                      r"hit\s+by\s+(?:an?\s+)?(?:\S+\s+){0,3}?(?:missiles?|rockets?|shells?|bombs?|"
                      r"drones?|strikes?)|invaded|massacred|push(?:ed|ing)\s+(?:deeper|further)\s+into|"
                      r"(?:took|take|taking)\s+part\s+in\s+(?:\S+\s+){0,2}?(?:strikes|attacks|raids)|"
                      r"struck(?!\s+(?:a|an|the)\s+(?:\w+\s+)?(?:deal|agreement|accord|balance|"
                      r"tone|note|chord))", "verb"),
    ("ASSAULT", None, r"fighting(?!\s+age)|clashes|airstrikes?|air\s+strikes?|drone\s+strikes?|"
                      r"offensive|invasion|massacre", "noun"),
    ("ASSAULT", "explosives", r"explosions?|exploded|detonated|bombings?|IEDs?|landmines?|"
                              r"blasts?|grenades?", "noun"),
    ("ASSAULT", "suicide-attack", r"suicide\s+(?:bomb(?:er|ing)s?|attacks?)", "noun"),
    ("ASSAULT", "abduct", rf"{_v('abduct', 'kidnap')}|kidnapped|kidnapping|abductions?|"
                          r"taken\s+hostage", "verb"),
    ("ASSAULT", "assassinate", rf"{_v('assassinate')}|assassination", "verb"),
    ("ASSAULT", "sexual", rf"{_v('rape')}|sexually\s+assaulted", "verb"),
    ("ASSAULT", "torture", rf"{_v('torture')}", "verb"),
]


# fmt: on
