"""The domain gazetteer: labels, canonical ids, weapon classes, guards and standalone names."""

from __future__ import annotations

import pytest

from sitroom.nlp.entities.gazetteer import find_gazetteer_spans, load_gazetteer, lookup


def _ents(nlp, text: str) -> dict[str, tuple[str, str]]:
    doc = nlp(text)
    for ent in doc.ents:
        assert doc.text[ent.start_char : ent.end_char] == ent.text
    return {ent.text: (ent.label_, ent.ent_id_) for ent in doc.ents}


@pytest.mark.parametrize(
    ("text", "name", "label", "canonical"),
    [
        ("Shelling hit Zaporizhzhia on Monday night.", "Zaporizhzhia", "GPE", "Zaporizhzhia"),
        ("Troops crossed the border near Kursk in the summer.", "Kursk", "GPE", "Kursk"),
        ("Glide bombs fell on Kharkiv again.", "Kharkiv", "GPE", "Kharkiv"),
        ("Officials in the Kursk region reported damage.", "Kursk region", "GPE", "Kursk Oblast"),
        (
            "Fighting continued in Zaporizhzhia Oblast.",
            "Zaporizhzhia Oblast",
            "GPE",
            "Zaporizhzhia Oblast",
        ),
        ("Residents of Kharkov fled east.", "Kharkov", "GPE", "Kharkiv"),
        ("An Oreshnik was launched at dawn.", "Oreshnik", "WEAPON", "Oreshnik"),
        ("Britain supplied Storm Shadow missiles.", "Storm Shadow", "WEAPON", "Storm Shadow"),
        ("France sent more SCALP missiles.", "SCALP", "WEAPON", "Storm Shadow"),
        ("Dozens of Shahed drones were shot down.", "Shahed", "WEAPON", "Shahed"),
        ("A Geran-2 struck a warehouse.", "Geran-2", "WEAPON", "Shahed"),
        ("The Kremlin rejected the plan.", "Kremlin", "ORG", "Kremlin"),
        ("Nato allies met in Brussels.", "Nato", "ORG", "NATO"),
        ("Zelenskiy thanked the donors.", "Zelenskiy", "PERSON", "Volodymyr Zelensky"),
    ],
)
def test_gazetteer_labels_and_canonical_names(nlp, text, name, label, canonical):
    assert _ents(nlp, text)[name] == (label, canonical)


@pytest.mark.parametrize(
    ("alias", "name", "weapon_class"),
    [
        ("SCALP", "Storm Shadow", "cruise missile"),
        ("Oreshnik", "Oreshnik", "intermediate-range ballistic missile"),
        ("Geran-2", "Shahed", "drone"),
        ("Iskander-M", "Iskander", "ballistic missile"),
    ],
)
def test_lookup_gives_canonical_weapon_and_class(alias, name, weapon_class):
    entry = lookup(alias)
    assert entry is not None
    assert (entry.name, entry.label, entry.weapon_class) == (name, "WEAPON", weapon_class)


def test_lookup_person_carries_title_and_aliases():
    entry = lookup("Zelenskyy")
    assert entry is not None and entry.name == "Volodymyr Zelensky"
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= set(entry.aliases)
    assert lookup("No Such Name Anywhere") is None


def test_guarded_weapon_needs_its_context_word(nlp):
    assert _ents(nlp, "Germany has not sent Taurus missiles.")["Taurus"] == ("WEAPON", "Taurus")
    assert (
        _ents(nlp, "She was born under Taurus, she joked.").get("Taurus", ("", ""))[0] != "WEAPON"
    )


def test_bulk_city_names_must_stand_alone(nlp):
    matcher = nlp.get_pipe("sitroom_gazetteer").matcher
    alone = find_gazetteer_spans(nlp.make_doc("Drones were seen over Kirov overnight."), matcher)
    assert [(s.text, s.label_) for s in alone] == [("Kirov", "GPE")]
    in_name = find_gazetteer_spans(nlp.make_doc("A statue of Sergei Kirov stands there."), matcher)
    assert [s.text for s in in_name] == []


def test_gazetteer_includes_geonames_cities_and_countries():
    gazetteer = load_gazetteer()
    kinds = {e.kind for e in gazetteer.entries.values()}
    assert {"city", "country", "region", "person"} <= kinds
    assert gazetteer.entries["Poland"].label == "GPE"
    assert gazetteer.entries["Lutsk"].country == "UA"


def test_capitalized_dateline_place_gets_its_canonical_name(nlp):
    assert _ents(nlp, "KHARKIV — Air raid sirens sounded across the city.")["KHARKIV"] == (
        "GPE",
        "Kharkiv",
    )
