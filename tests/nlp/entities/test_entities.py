"""extract_entities: exact spans, canonical names, surnames, variants, roles, possessives."""

from __future__ import annotations

import pytest

from sitroom.nlp.entities.extract import extract_entities

ARTICLE = (
    "Deputy Pentagon Press Secretary Sabrina Singh said on Tuesday that aid would continue. "
    "Ukrainian President Volodymyr Zelenskyy met Kremlin critics in Kyiv. "
    "Zelensky’s office later said the Kremlin's claims were false. "
    "Singh added that Zelenskiy would travel to Brussels. "
    "Kremlin spokesman Dmitry Peskov called the visit a provocation, and Peskov's deputy agreed. "
    "Oleksandr Hnatenko, a drone commander, said the Storm Shadow strike worked; Hnatenko declined to say more."
)


@pytest.fixture(scope="module")
def result(nlp):
    return extract_entities(nlp(ARTICLE), article_id="art-1")


def _by_text(result):
    return {(m.text, m.start): m for m in result.mentions}


def test_every_mention_span_matches_article_text(result):
    assert result.mentions
    for m in result.mentions:
        assert ARTICLE[m.start : m.end] == m.text
        assert m.article_id == "art-1"


def test_surname_resolves_to_full_name_used_earlier(result):
    singh = [m for m in result.mentions if m.text == "Singh"]
    peskov = [m for m in result.mentions if m.text == "Peskov"]
    assert singh and all(m.entity == "Sabrina Singh" and m.label == "PERSON" for m in singh)
    assert peskov and all(m.entity == "Dmitry Peskov" for m in peskov)


def test_unknown_surname_resolves_to_full_name(result):
    assert {m.entity for m in result.mentions if m.text == "Hnatenko"} == {"Oleksandr Hnatenko"}


def test_surname_resolves_to_full_name_used_later(nlp):
    text = (
        "Kovalchuk said the bridge was hit. Later, Colonel Andriy Kovalchuk confirmed the damage."
    )
    result = extract_entities(nlp(text), article_id="a")
    assert {m.entity for m in result.mentions if m.label == "PERSON"} == {"Andriy Kovalchuk"}


def test_spelling_variants_merge_into_one_entity(result):
    zelensky = [e for e in result.entities if e.name == "Volodymyr Zelensky"]
    assert len(zelensky) == 1
    assert {"Volodymyr Zelenskyy", "Zelensky", "Zelenskiy"} <= set(zelensky[0].aliases)
    assert not any(e.name in {"Zelensky", "Zelenskiy", "Zelenskyy"} for e in result.entities)


def test_unknown_variants_merge_by_fuzzy_match(nlp):
    text = "Analyst Tatiana Morozenko said prices rose. Tatyana Morozenko added that supply fell."
    result = extract_entities(nlp(text), article_id="a")
    names = {m.entity for m in result.mentions if m.label == "PERSON"}
    assert len(names) == 1


def test_distinct_countries_do_not_merge(nlp):
    text = "Delegations from Austria and Australia arrived in Geneva."
    result = extract_entities(nlp(text), article_id="a")
    assert {"Austria", "Australia"} <= {e.name for e in result.entities}


def test_title_before_name_is_kept_as_role(result):
    mentions = _by_text(result)
    singh = next(m for (text, _), m in mentions.items() if text == "Sabrina Singh")
    assert singh.role == "Deputy Pentagon Press Secretary"
    peskov = next(m for (text, _), m in mentions.items() if text == "Dmitry Peskov")
    assert peskov.role == "Kremlin spokesman"
    entity = next(e for e in result.entities if e.name == "Volodymyr Zelensky")
    assert "Ukrainian President" in entity.roles


def test_possessive_is_not_part_of_the_span(result):
    texts = [m.text for m in result.mentions]
    assert "Zelensky" in texts and "Peskov" in texts
    assert not any(t.endswith(("'s", "’s")) for t in texts)


def test_leading_the_is_dropped_and_canonical_has_none(result):
    kremlin = [m for m in result.mentions if m.entity == "Kremlin"]
    assert kremlin and all(m.text == "Kremlin" and m.label == "ORG" for m in kremlin)


def test_weapon_entity_has_class(result):
    weapon = next(e for e in result.entities if e.label == "WEAPON")
    assert (weapon.name, weapon.weapon_class) == ("Storm Shadow", "cruise missile")


def test_mention_and_entity_labels_agree(result):
    labels = {e.name: e.label for e in result.entities}
    assert all(labels[m.entity] == m.label for m in result.mentions)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Pentagon press secretary Maj. Gen. Pat Ryder declined to comment.",
            "Pat Ryder",
            "Pentagon press secretary Maj. Gen.",
        ),
        (
            "He met NATO Secretary-General Mark Rutte in The Hague.",
            "Mark Rutte",
            "NATO Secretary-General",
        ),
        ("Former President Donald Trump spoke to reporters.", "Donald Trump", "Former President"),
    ],
)
def test_roles_with_abbreviations_and_hyphens(nlp, text, name, role):
    result = extract_entities(nlp(text), article_id="a")
    mention = next(m for m in result.mentions if m.text == name)
    assert mention.role == role
    assert not any(m.text in {"Maj", "Gen."} for m in result.mentions)


def test_title_after_name_in_commas_is_kept_as_role(nlp):
    text = "Olena Kovalenko, a spokeswoman for the Ukrainian Air Force, said 40 drones were downed."
    result = extract_entities(nlp(text), article_id="a")
    mention = next(m for m in result.mentions if m.text == "Olena Kovalenko")
    assert mention.role == "spokeswoman for the Ukrainian Air Force"
    assert text[mention.start : mention.end] == mention.text


def test_relative_clause_after_name_is_not_a_role(nlp):
    result = extract_entities(
        nlp("Ivan Sirko, who fled the city, said he was afraid."), article_id="a"
    )
    assert next(m for m in result.mentions if m.text == "Ivan Sirko").role is None


def test_title_used_alone_later_refers_to_its_holder(nlp):
    text = "Kremlin spokesman Dmitry Peskov said talks were possible. Later the Kremlin spokesman said the offer had expired."
    result = extract_entities(nlp(text), article_id="a")
    described = [m for m in result.mentions if m.text == "Kremlin spokesman"]
    assert [(m.entity, m.label) for m in described] == [("Dmitry Peskov", "PERSON")]
    assert text[described[0].start : described[0].end] == "Kremlin spokesman"
    peskov = next(e for e in result.entities if e.name == "Dmitry Peskov")
    assert "Kremlin spokesman" in peskov.aliases
