"""One name per person within an article: surnames widened to the article's full name."""

from __future__ import annotations

import pytest

from sitroom.nlp.extract import Document, extract_documents
from sitroom.nlp.names import (
    expand_records,
    expand_surname,
    feminine_form,
    full_name,
    gendered_pair,
    name_key,
    one_person,
    sound_key,
)
from sitroom.records import Claim, Event, Extraction, Mention, Quote

# ---------------------------------------------------------------- the rule, on names


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Okafor", "Miriam Okafor"),
        ("Mr Okafor", "Miriam Okafor"),
        ("Okafor's", "Miriam Okafor"),
        ("Senator Okafor’s", "Miriam Okafor"),
        ("Zelenskiy", "Volodymyr Zelensky"),
        ("Zełenski", "Volodymyr Zelensky"),
    ],
)
def test_a_surname_widens_to_the_full_name_ending_with_it(short: str, full: str) -> None:
    assert expand_surname(short, 100, [(10, full)]) == full


def test_the_longest_full_name_wins_then_the_nearest_before_else_the_first_after() -> None:
    fulls = [(10, "Vice President Kamala Harris"), (50, "Kamala D. Harris"), (300, "Kamala Harris")]
    assert expand_surname("Harris", 200, fulls) == "Kamala D. Harris"
    assert expand_surname("Harris", 5, fulls) == "Kamala D. Harris"
    short = [(10, "Vice President Kamala Harris"), (300, "Kamala Harris")]
    assert expand_surname("Harris", 200, short) == "Kamala Harris"  # titles dropped
    assert expand_surname("Harris", 400, short) == "Kamala Harris"
    assert expand_surname("Harris", 5, [(10, "Kamala Harris"), (20, "Kamala Harris")]) == (
        "Kamala Harris"
    )


def test_two_people_with_one_surname_keep_it_short() -> None:
    fulls = [(10, "Daria Kovac"), (40, "Pavel Kovac")]
    assert expand_surname("Kovac", 100, fulls) is None
    assert not one_person(name for _, name in fulls)
    assert one_person(["Mr Kovac", "Pavel Kovac", "Senator Pavel Kovac"])


def test_feminine_and_masculine_surnames_are_two_people() -> None:
    assert expand_surname("Zelenska", 100, [(10, "Volodymyr Zelensky")]) is None
    assert expand_surname("Sokolova", 100, [(10, "Anton Sokolov")]) is None
    assert expand_surname("Sokolov", 100, [(10, "Irina Sokolova")]) is None
    assert gendered_pair(name_key("Zelenska"), name_key("Zelensky"))
    assert gendered_pair(name_key("Sokolov"), name_key("Sokolova"))
    assert not gendered_pair(name_key("Lukashenka"), name_key("Lukashenko"))
    assert feminine_form(name_key("Sokolova"), name_key("Sokolov"))
    assert not feminine_form(name_key("Sokolov"), name_key("Sokolova"))


@pytest.mark.parametrize("name", ["Miriam Okafor", "the ministry", "Ms", "okafor", "", "K"])
def test_only_one_capitalised_word_is_a_surname(name: str) -> None:
    assert expand_surname(name, 100, [(10, "Miriam Okafor"), (20, "Kay Okafor")]) is None


def test_full_names_drop_titles_and_refuse_single_words() -> None:
    assert full_name("President Joe Biden") == "Joe Biden"
    assert full_name("Mr Halloway") is None
    assert full_name("Halloway") is None


# ---------------------------------------------------------------- over records

TEXT = (
    "Tomas Varga toured Kherson. Jordan sent aid. Varga said shells fell. Mr Varga's car was hit."
)


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _mention(word: str, label: str, entity: str, nth: int = 0) -> Mention:
    start, end = _at(word, nth)
    return Mention(article_id="a", start=start, end=end, text=word, label=label, entity=entity)


def test_records_take_the_full_name_and_keep_their_spans() -> None:
    mentions = [
        _mention("Tomas Varga", "PERSON", "Tomas Varga"),
        _mention("Jordan", "GPE", "Jordan"),
        _mention("Varga", "PERSON", "Varga", nth=1),
        _mention("Mr Varga", "PERSON", "Mr Varga"),
    ]
    said, car = _at("Varga said shells fell."), _at("Mr Varga's car was hit.")
    quote = Quote(
        article_id="a",
        start=said[0] + 11,
        end=said[1],
        text=TEXT[said[0] + 11 : said[1]],
        kind="indirect",
        speaker="Varga",
        speaker_text="Varga",
        speaker_start=said[0],
        speaker_end=said[0] + 5,
        speaker_kind="person",
    )
    claim = Claim(article_id="a", start=said[0], end=said[1], text=TEXT[said[0] : said[1]],
                  claimant="Varga")  # fmt: skip
    hit = Event(article_id="a", start=car[0], end=car[1], text=TEXT[car[0] : car[1]],
                event_type="strike", plover="ATTACK", target="Mr Varga")  # fmt: skip
    aid = Event(article_id="a", start=_at("Jordan sent aid.")[0], end=_at("Jordan sent aid.")[1],
                text="Jordan sent aid.", event_type="aid", plover="AID", actor="Jordan")  # fmt: skip
    quotes, claims, events = expand_records(
        mentions=mentions, quotes=[quote], claims=[claim], events=[hit, aid]
    )
    assert quotes[0].speaker == "Tomas Varga"
    assert quotes[0].speaker_text == "Varga"
    assert TEXT[quotes[0].speaker_start : quotes[0].speaker_end] == "Varga"  # type: ignore[misc]
    assert claims[0].claimant == "Tomas Varga"
    assert events[0].target == "Tomas Varga"
    assert events[0].text == TEXT[events[0].start : events[0].end] == "Mr Varga's car was hit."
    # "Jordan" is a state here, not a person's surname: it stays.
    assert events[1].actor == "Jordan"


# ---------------------------------------------------------------- end to end

ARTICLES = {
    "okafor": (
        "Senator Miriam Okafor arrived in Vilnius on Monday. Later that day Russian forces "
        "shelled Kharkiv. Okafor condemned the strike. “We will send more air defence,” "
        "Okafor said."
    ),
    "kovac": (
        "Daria Kovac met Pavel Kovac in Lviv on Friday. Kovac said the shelling had stopped."
    ),
    "sokolova": (
        "Anton Sokolov spoke in Minsk. Irina Sokolova, his rival, was in Vilnius. "
        "Sokolova accused the government of fraud."
    ),
}


@pytest.fixture(scope="module")
def extracted() -> dict[str, Extraction]:
    documents = [Document(id=key, text=text) for key, text in ARTICLES.items()]
    return {ex.article_id: ex for ex in extract_documents(documents)}


def _names(extraction: Extraction) -> set[str | None]:
    return {
        *(q.speaker for q in extraction.quotes),
        *(e.actor for e in extraction.events),
        *(e.target for e in extraction.events),
        *(e.claimant for e in extraction.events),
        *(c.claimant for c in extraction.claims),
    } - {None}


def _spans_hold(extraction: Extraction, text: str) -> None:
    for record in (*extraction.mentions, *extraction.quotes, *extraction.events):
        assert text[record.start : record.end] == record.text
    for quote in extraction.quotes:
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text


def test_an_article_names_its_person_in_full_everywhere(extracted: dict[str, Extraction]) -> None:
    okafor = extracted["okafor"]
    assert "Miriam Okafor" in _names(okafor)
    assert "Okafor" not in _names(okafor)
    assert {q.speaker for q in okafor.quotes} == {"Miriam Okafor"}
    assert "Okafor" in {q.speaker_text for q in okafor.quotes}  # the text's own spelling
    _spans_hold(okafor, ARTICLES["okafor"])


def test_a_shared_surname_stays_short(extracted: dict[str, Extraction]) -> None:
    kovac = extracted["kovac"]
    assert "Kovac" in {m.entity for m in kovac.mentions}
    assert not {"Daria Kovac", "Pavel Kovac"} & {q.speaker for q in kovac.quotes}
    _spans_hold(kovac, ARTICLES["kovac"])


def test_a_feminine_surname_is_not_the_masculine_one(extracted: dict[str, Extraction]) -> None:
    sokolova = extracted["sokolova"]
    assert "Anton Sokolov" not in {
        m.entity for m in sokolova.mentions if m.text.startswith("Sokolova")
    }
    assert "Anton Sokolov" not in {e.actor for e in sokolova.events}
    _spans_hold(sokolova, ARTICLES["sokolova"])


@pytest.mark.parametrize(
    ("spellings", "other"),
    [
        (("Petrović", "Petrowicz", "Petrovic", "Petrovich"), "Petrov"),
        (("Šimić", "Szimicz", "Shimich", "Simic"), "Simko"),
        (("Žukovska", "Zhukovska", "Żukowska"), "Zukova"),
        (("Tsarenko", "Carenko"), "Sarenko"),
    ],
)
def test_sound_key_joins_carons_digraphs_and_bare_letters(
    spellings: tuple[str, ...], other: str
) -> None:
    keys = {sound_key(name_key(s)) for s in spellings}
    assert len(keys) == 1
    assert sound_key(name_key(other)) not in keys
