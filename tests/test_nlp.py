"""The spaCy pipelines: loaded once per language, our sentence rules, the document text built once."""

from conflictatlas.nlp import MODELS, doc_text, get_nlp, trained_languages


def test_english_and_french_pipelines_are_installed_and_loaded_once():
    assert {"en", "fr"} <= set(trained_languages()) <= set(MODELS)
    assert get_nlp("en") is get_nlp("en")


def test_sentences_end_at_line_breaks_and_final_punctuation(nlp):
    doc = nlp("Gunmen attacked Gao\nTroops arrived. they left")
    assert [s.text.strip() for s in doc.sents] == ["Gunmen attacked Gao", "Troops arrived.", "they left"]


def test_the_document_text_is_built_once_and_equals_spacys(nlp):
    doc = nlp("Troops entered Palmyra on Sunday. The army said so.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)


def test_a_text_copied_into_another_doc_is_not_taken_for_its_own(nlp):
    doc = nlp("Troops entered Palmyra on Sunday. The army said so.")
    doc_text(doc)
    part = doc[6:].as_doc(copy_user_data=True)
    assert doc_text(part) == part.text == "The army said so."
