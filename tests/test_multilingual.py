"""French with its trained pipeline, Spanish with a blank tokenizer: the same event as in English."""

from conflictatlas import extract
from conflictatlas.nlp import BLANK_FALLBACK, get_nlp

FRENCH = (
    "Des affrontements ont opposé dimanche l'armée malienne à des combattants jihadistes près de Gao, "
    "faisant au moins treize morts, a indiqué l'état-major."
)
SPANISH = (
    "Hombres armados asesinaron el pasado sábado a ocho campesinos en una finca de Samaniego, "
    "en el departamento de Nariño, Colombia, informaron las autoridades."
)


def _main(records):
    return max(records, key=lambda r: r.confidence).to_record()


def test_french_clash_with_number_words_and_weekday():
    record = _main(extract(FRENCH, published="2019-03-05"))
    assert (record["sub_event_type"], record["event_date"], record["fatalities"]) == (
        "Armed clash",
        "2019-03-03",
        13,
    )
    assert record["location"] == "Gao" and record["country"] == "Mali"


def test_spanish_reads_with_a_blank_tokenizer():
    assert "es" in BLANK_FALLBACK
    nlp = get_nlp("es")
    assert "parser" not in nlp.pipe_names and len(list(nlp("Uno. Dos.").sents)) == 2
    record = _main(extract(SPANISH, published="2020-08-24"))
    assert (record["sub_event_type"], record["event_date"], record["fatalities"]) == (
        "Attack",
        "2020-08-22",
        8,
    )
    assert record["location"] == "Samaniego" and record["actor1"] == "Unidentified Armed Group (Colombia)"


def test_unsupported_language_is_a_clear_error():
    import pytest

    from conflictatlas.errors import InputError

    with pytest.raises(InputError, match="not supported"):
        extract("Dies ist ein deutscher Artikel über das Wetter in Berlin und München heute.")


def test_french_passive_ambush_takes_its_attacker_from_the_claim():
    text = (
        "Un convoi de l'armée malienne a été pris en embuscade lundi près de Gao, a annoncé l'état-major. "
        "L'attaque a été revendiquée par l'État islamique au Grand Sahara."
    )
    record = _main(extract(text, published="2019-03-05"))
    assert (record["actor1"], record["actor2"]) == ("Islamic State Sahel Province", "Military Forces of Mali")
