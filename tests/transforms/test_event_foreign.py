"""French and Spanish pages: trigger lexicon, negation, purpose clauses, dates and actors."""

from __future__ import annotations

import datetime as dt

from transforms.event_lexicon_fr_es import language
from transforms.events import extract_events
from transforms.timex import find_timexes

PUB = dt.date(2025, 3, 14)  # a Friday


def _kept(text: str) -> list[tuple[str, str]]:
    return [
        (e.event_type, e.trigger)
        for e in extract_events(text, PUB)
        if e.modality in ("asserted", "historical", "future")
    ]


def test_language_guess() -> None:
    assert language("La police a arrêté trois hommes dans le quartier, selon le parquet.") == "fr"
    assert language("La policía detuvo a tres hombres en el barrio, según la fiscalía.") == "es"
    assert language("Police detained three men in the district, prosecutors said.") == "en"


def test_french_triggers_and_date() -> None:
    text = (
        "Les gendarmes ont arrêté mardi deux militants dans le centre de la ville. "
        "Des centaines d'habitants ont manifesté le 8 mars devant la préfecture."
    )
    evs = extract_events(text, PUB)
    types = {(e.event_type, e.trigger) for e in evs}
    assert ("COERCE", "arrêté") in types
    assert ("PROTEST", "manifesté") in types
    demo = next(e for e in evs if e.event_type == "PROTEST")
    assert demo.date_start == dt.date(2025, 3, 8)
    arrest = next(e for e in evs if e.event_type == "COERCE")
    assert arrest.date_start == dt.date(2025, 3, 11)


def test_spanish_negation_is_right_before_the_verb() -> None:
    assert _kept("El gobierno de la provincia no firmó el convenio con los productores.") == []
    kept = _kept("Miles de trabajadores no docentes marcharon el jueves por la avenida central.")
    assert ("PROTEST", "marcharon") in kept


def test_french_negation_and_topic_noun() -> None:
    assert _kept("Le ministre n'a pas signé le décret sur les retraites, selon son cabinet.") == []
    assert _kept("Le calendrier fixe la date limite du retrait des troupes au printemps.") == []


def test_spanish_purpose_infinitive_is_not_a_request() -> None:
    kept = _kept("Los vecinos marcharon el lunes por la plaza para exigir agua potable.")
    assert ("PROTEST", "marcharon") in kept
    assert all(t != "REQUEST" for t, _ in kept)


def test_future_tense_withdrawal_is_concede() -> None:
    evs = extract_events("Los soldados extranjeros se retirarán de la base antes del verano.", PUB)
    assert [(e.event_type, e.modality) for e in evs] == [("CONCEDE", "future")]


def test_french_and_spanish_dates() -> None:
    fr = {
        t.text: (t.date_start, t.date_end)
        for t in find_timexes(
            "Il est arrivé lundi soir, à la mi-février, puis en janvier 2024, plus tôt ce mois-ci.",
            PUB,
            lang="fr",
        )
    }
    assert fr["lundi soir"] == (dt.date(2025, 3, 10), dt.date(2025, 3, 10))
    assert fr["mi-février"] == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert fr["janvier 2024"] == (dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert fr["plus tôt ce mois-ci"] == (dt.date(2025, 3, 1), PUB)
    es = {
        t.text: (t.date_start, t.date_end)
        for t in find_timexes(
            "Llegó el miércoles 5 de marzo de 2025, volvió la semana pasada y saldrá el 2 de abril "
            "desde la Plaza de Mayo.",
            PUB,
            lang="es",
        )
    }
    assert es["miércoles 5 de marzo de 2025"] == (dt.date(2025, 3, 5), dt.date(2025, 3, 5))
    assert es["la semana pasada"] == (dt.date(2025, 3, 3), dt.date(2025, 3, 9))
    assert es["2 de abril"] == (dt.date(2025, 4, 2), dt.date(2025, 4, 2))
    assert not any("Mayo" in k for k in es)


def test_french_and_spanish_actor_countries() -> None:
    fr = extract_events("Les forces américaines ont quitté la base de Niamey le 2 mars.", PUB)
    assert [(e.event_type, e.actor_country) for e in fr] == [("RETREAT", "USA")]
    es = extract_events(
        "En Bogotá, la Policía Nacional capturó el martes a un jefe de la banda.", PUB
    )
    assert [(e.event_type, e.actor_country) for e in es] == [("COERCE", "COL")]
