"""Quotes and their speakers, through the real pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.nlp.quotes.extract import extract_quotes
from sitroom.nlp.quotes.marks import find_quoted_spans
from sitroom.records import Mention, Quote

# ------------------------------------------------------------------ quotation marks (no model)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we hold the bridge” today.", ["we hold the bridge"]),
        ('He said "we hold the bridge" today.', ["we hold the bridge"]),
        ("The governor called it ‘a cowardly strike’ on Monday.", ["a cowardly strike"]),
        ("The general said 'no retreat' twice.", ["no retreat"]),
        # apostrophes are not quotation marks
        ("Russia’s army and the region’s governor don’t agree.", []),
        ("The allies’ tanks and the soldiers’ morale held.", []),
        # a double quotation nests single marks; only the outer one is returned
        (
            "“They told us ‘leave now’ and we ran,” she said.",
            ["They told us ‘leave now’ and we ran,"],
        ),
    ],
)
def test_find_quoted_spans(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == expected


def test_quote_continues_into_next_paragraph_when_it_reopens() -> None:
    text = (
        "“The first convoy arrived at dawn.\n\n“The second is still at the checkpoint,” she said."
    )
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].startswith("The first convoy")
    assert text[spans[0].start : spans[0].end].endswith("checkpoint,")


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“The shelling went on all night\n\nThe next paragraph is narration."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["The shelling went on all night"]
    assert spans[0].close_at is None


# ------------------------------------------------------------------ extract_quotes


def _quotes(nlp, text: str, mentions: tuple[Mention, ...] = ()) -> list[Quote]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    quotes = extract_quotes(doc, article_id="t1", mentions=mentions)
    for q in quotes:
        assert q.article_id == "t1"
        assert doc.text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert doc.text[q.speaker_start : q.speaker_end] == q.speaker_text
            # a quote never contains its own speaker
            assert q.speaker_end <= q.start or q.end <= q.speaker_start
    return quotes


def _one(quotes: list[Quote], starts: str) -> Quote:
    hits = [q for q in quotes if q.text.startswith(starts)]
    assert len(hits) == 1, [q.text for q in quotes]
    return hits[0]


# (text, quote starts with, kind, speaker, speaker_text, speaker_kind, cue)
CASES = [
    pytest.param(
        "Mayor Ihor Terekhov visited the damaged school on Friday. “We will rebuild every classroom,” he said.",
        "We will rebuild",
        "direct",
        "Ihor Terekhov",
        "he",
        "pronoun",
        "said",
        id="cue-after-pronoun",
    ),
    pytest.param(
        "“We need more artillery shells before winter,” said Oleksandr Syrskyi, adding that the front was stable.",
        "We need more artillery",
        "direct",
        "Oleksandr Syrskyi",
        "Oleksandr Syrskyi",
        "person",
        "said",
        id="cue-after-inverted",
    ),
    pytest.param(
        "Foreign Minister Andrii Sybiha told reporters: “Our partners must act before the winter comes.”",
        "Our partners must act",
        "direct",
        "Andrii Sybiha",
        "Andrii Sybiha",
        "person",
        "told",
        id="cue-before-colon",
    ),
    pytest.param(
        "Kremlin spokesman Dmitry Peskov called the decision “a reckless provocation” on Tuesday.",
        "a reckless provocation",
        "mixed",
        "Dmitry Peskov",
        "Dmitry Peskov",
        "person",
        "called",
        id="mixed-title-stripped",
    ),
    pytest.param(
        "Britain’s defence secretary John Healey called the launch ‘deeply irresponsible’ in a statement.",
        "deeply irresponsible",
        "mixed",
        "John Healey",
        "John Healey",
        "person",
        "called",
        id="mixed-single-marks",
    ),
    pytest.param(
        "“Nobody in our street slept that night,” one local resident said.",
        "Nobody in our street",
        "direct",
        None,
        "one local resident",
        "unnamed",
        "said",
        id="unnamed-resident",
    ),
    pytest.param(
        "“The road to the city is cut,” a senior Ukrainian official said. Later Oleksandr Syrskyi visited the front.",
        "The road to the city",
        "direct",
        None,
        "a senior Ukrainian official",
        "unnamed",
        "said",
        id="unnamed-official-not-merged",
    ),
    pytest.param(
        "“Twelve of the fourteen missiles were intercepted,” Ukraine’s air force said on Telegram.",
        "Twelve of the fourteen",
        "direct",
        "Ukraine’s air force",
        "Ukraine’s air force",
        "organization",
        "said",
        id="organization",
    ),
    pytest.param(
        "Officials said the overnight strike damaged a grain terminal in Odesa.",
        "the overnight strike damaged",
        "indirect",
        None,
        "Officials",
        "unnamed",
        "said",
        id="indirect-unnamed",
    ),
    pytest.param(
        "The Kremlin warned that Western missiles would change the nature of the conflict.",
        "Western missiles would change",
        "indirect",
        "Kremlin",
        "Kremlin",
        "organization",
        "warned",
        id="indirect-organization",
    ),
    pytest.param(
        "Three power stations were hit overnight, according to Prime Minister Denys Shmyhal.",
        "Three power stations were hit",
        "indirect",
        "Denys Shmyhal",
        "Denys Shmyhal",
        "person",
        "according",
        id="according-to",
    ),
]


@pytest.mark.parametrize(
    ("text", "starts", "kind", "speaker", "speaker_text", "speaker_kind", "cue"), CASES
)
def test_quote_and_speaker(
    nlp, text, starts, kind, speaker, speaker_text, speaker_kind, cue
) -> None:  # type: ignore[no-untyped-def]
    quote = _one(_quotes(nlp, text), starts)
    assert (quote.kind, quote.speaker, quote.speaker_text, quote.speaker_kind, quote.cue) == (
        kind,
        speaker,
        speaker_text,
        speaker_kind,
        cue,
    )


def test_split_quote_gives_one_speaker_to_both_parts(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The drones came in three waves,” Serhiy Lysak said. “Air defence shot most of them down.”"
    )
    quotes = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == [
        "The drones came in three waves",
        "Air defence shot most of them down.",
    ]
    assert {q.speaker for q in quotes} == {"Serhiy Lysak"}
    assert all("Lysak" not in q.text and "said" not in q.text for q in quotes)


def test_multi_paragraph_quote_is_one_record(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The first convoy reached the town at dawn with food and medicine.\n\n"
        "“The second one is still waiting at the checkpoint,” said Oksana Markarova."
    )
    quotes = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("The first convoy") and quotes[0].text.endswith(
        "at the checkpoint"
    )
    assert quotes[0].speaker == "Oksana Markarova"


def test_pronoun_prefers_the_clause_leading_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Analyst Maria Zolkina expects a hard winter if Vladimir Putin orders new strikes on the grid. "
        "“The energy system cannot take many more hits,” she said."
    )
    assert _one(_quotes(nlp, text), "The energy system").speaker == "Maria Zolkina"


def test_surname_takes_the_full_name_from_earlier_in_the_article(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Defence Minister Rustem Umerov met his counterparts in Brussels on Thursday.\n\n"
        "“We have agreed on new deliveries of air defence,” Umerov said."
    )
    assert _one(_quotes(nlp, text), "We have agreed").speaker == "Rustem Umerov"


def test_mentions_give_the_canonical_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We need more shells,” Zelensky said in his evening address."
    start = text.index("Zelensky")
    mention = Mention(
        article_id="t1",
        start=start,
        end=start + 8,
        text="Zelensky",
        label="PERSON",
        entity="Volodymyr Zelenskyy",
    )
    quote = _one(_quotes(nlp, text, (mention,)), "We need more shells")
    assert quote.speaker == "Volodymyr Zelenskyy"
    assert quote.speaker_text == "Zelensky"


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “Oreshnik” missile was launched from a base near Astrakhan.",
        "Russia’s army said nothing, and the region’s governor didn’t comment either.",
        "Soldiers watched “Servant of the People” in the bunker.",
    ],
)
def test_no_quote_from_names_titles_or_apostrophes(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [q for q in _quotes(nlp, text) if q.kind != "indirect"] == []


def test_quotes_come_in_text_order(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officials said the bridge was closed. “Traffic will resume on Monday,” said Yulia Svyrydenko. "
        "She added that repairs would cost millions."
    )
    quotes = _quotes(nlp, text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert [q.kind for q in quotes] == ["indirect", "direct", "indirect"]


def test_reported_clause_stops_before_the_speakers_next_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Dmitry Peskov said the plan was a reckless gamble and urged restraint."
    quote = _one(_quotes(nlp, text), "the plan was")
    assert quote.kind == "indirect"
    assert "urged" not in quote.text


def test_colon_at_paragraph_end_introduces_the_next_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Governor Vitaliy Kim wrote on Telegram:\n\n“The port was hit twice overnight and two workers were hurt.”"
    quote = _one(_quotes(nlp, text), "The port was hit")
    assert (quote.kind, quote.speaker) == ("direct", "Vitaliy Kim")


def test_two_apostrophes_work_as_a_quotation_mark(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "''We have enough fuel for the winter,'' said Herman Halushchenko."
    quote = _one(_quotes(nlp, text), "We have enough fuel")
    assert (quote.kind, quote.speaker) == ("direct", "Herman Halushchenko")


def test_unresolvable_pronoun_keeps_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = _one(_quotes(nlp, "“The bridge will hold,” she said."), "The bridge will hold")
    assert (quote.speaker, quote.speaker_text, quote.speaker_kind) == (None, "she", "pronoun")


def test_split_quote_resumed_after_a_comma_is_direct(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The tariffs will hurt trade with Europe,” economist Olena Bilan said, "
        "“and the damage will reach the front line.”"
    )
    quotes = [q for q in _quotes(nlp, text) if q.kind != "indirect"]
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert {q.speaker for q in quotes} == {"Olena Bilan"}


def test_owner_of_a_description_is_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Joe Biden’s description of the strike as “a war crime” drew a sharp reply "
        "from Moscow on Friday."
    )
    quote = _one(_quotes(nlp, text), "a war crime")
    assert (quote.kind, quote.speaker) == ("mixed", "Joe Biden")
    assert quote.speaker_end <= quote.start


def test_multi_sentence_quote_is_one_record(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We held the village. We will hold it again. Nobody is leaving,” said Kyrylo Budanov."
    quotes = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == [
        "We held the village. We will hold it again. Nobody is leaving"
    ]
    assert quotes[0].speaker == "Kyrylo Budanov"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Taras Kachka insisted that the talks would continue next week.", "insisted"),
        ("Denys Shmyhal announced that the grid had been repaired overnight.", "announced"),
        ("Mykhailo Fedorov claimed the new drones could fly twice as far.", "claimed"),
        ("Iryna Vereshchuk urged that civilians leave the border villages at once.", "urged"),
        ("Andriy Yermak denied that any deal had been reached in Geneva.", "denied"),
    ],
)
def test_indirect_speech_cue_verbs(nlp, text: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    quotes = [q for q in _quotes(nlp, text) if q.kind == "indirect"]
    assert len(quotes) == 1
    assert quotes[0].cue == cue
    assert quotes[0].speaker == text.split(" " + cue, maxsplit=1)[0]
    assert cue not in quotes[0].text and quotes[0].speaker not in quotes[0].text


_PIECES = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    "'",
    "''",
    ",",
    ".",
    ":",
    "\n\n",
    " ",
    "he said",
    "said Olena Kovalenko",
    "the army",
    "Russia’s",
    "we hold",
    "One analyst",
    "according to officials",
    "warned that",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join))
def test_any_mix_of_marks_keeps_span_invariants(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    for quote in _quotes(nlp, text):  # _quotes checks text and speaker spans
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.kind in {"direct", "indirect", "mixed"}
        assert quote.speaker_kind in {None, "person", "organization", "unnamed", "pronoun"}


def test_empty_text_has_no_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _quotes(nlp, "") == []


def test_relative_pronoun_speaker_takes_its_antecedents_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The agreement was signed by Olha Stefanishyna, who said the deal would hold through the winter."
    quote = _one(_quotes(nlp, text), "the deal would hold")
    assert (quote.kind, quote.speaker, quote.speaker_text, quote.speaker_kind) == (
        "indirect",
        "Olha Stefanishyna",
        "who",
        "pronoun",
    )


def test_listed_fragments_stay_mixed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor called the raid “reckless”, “cruel” and “pointless” on Sunday."
    mixed = [q for q in _quotes(nlp, text) if q.kind != "indirect"]
    assert [(q.kind, q.text) for q in mixed] == [
        ("mixed", "reckless"),
        ("mixed", "cruel"),
        ("mixed", "pointless"),
    ]
    assert {q.speaker_text for q in mixed} == {"The governor"}
    assert {q.speaker for q in mixed} == {None}


# ------------------------------------------------------------------ issue 11: unseen-text error classes


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # a label no one in the sentence says: no record, it quotes no one
        (
            "In the so-called ‘grey zone’ near the river, Oleksandr Prokudin said, the shelling never stops.",
            "grey zone",
        ),
        (
            "The road, known as the “highway of death”, was shelled again, Oleksandr Prokudin said.",
            "highway of death",
        ),
        (
            "The drones, nicknamed “flying mopeds” by the crews, hit the depot, said Serhiy Lysak.",
            "flying mopeds",
        ),
    ],
)
def test_label_nobody_says_is_not_the_nearby_speakers_quote(nlp, text: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert [q for q in _quotes(nlp, text) if q.text == fragment] == []


@pytest.mark.issue(11)
def test_label_with_its_own_labeller_goes_to_the_labeller(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The drones, which soldiers have nicknamed “mopeds”, hit the depot, said Serhiy Lysak."
    quote = _one(_quotes(nlp, text), "mopeds")
    assert (quote.kind, quote.speaker_text, quote.speaker) == ("mixed", "soldiers", None)


@pytest.mark.issue(11)
def test_fragment_inside_a_reported_clause_is_mixed_with_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Andriy Sadovyi said the strikes on the power plant were “a crime” and would continue."
    quotes = _quotes(nlp, text)
    fragment = _one(quotes, "a crime")
    clause = _one(quotes, "the strikes on the power plant")
    assert (fragment.kind, fragment.speaker) == ("mixed", "Andriy Sadovyi")
    assert clause.speaker == "Andriy Sadovyi"
    # one speaker span: the fragment and its clause are one attribution
    assert (fragment.speaker_start, fragment.speaker_end) == (
        clause.speaker_start,
        clause.speaker_end,
    )


@pytest.mark.issue(11)
def test_quote_paragraph_takes_the_speaker_of_the_next_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The water stopped first and then the lights went out across the district.”\n\n"
        "“Nobody came for three days,” said Oleksii Kuleba."
    )
    quotes = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["Oleksii Kuleba", "Oleksii Kuleba"]


@pytest.mark.issue(11)
def test_an_answer_does_not_attribute_the_question_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A reporter from Sumy stood up at the briefing.\n\n"
        "“When will the heating come back to the schools?”\n\n"
        "“We expect it by Friday at the latest,” said Ihor Terekhov."
    )
    question = _one(_quotes(nlp, text), "When will the heating")
    assert question.speaker is None
    assert _one(_quotes(nlp, text), "We expect it").speaker == "Ihor Terekhov"


@pytest.mark.issue(11)
def test_transcript_labels_give_each_turn_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A partial transcript follows.\n\n"
        '"HOST: Will the bridge reopen before the winter comes?\n\n'
        '"KULEBA: We expect the repairs to be finished in November.\n\n'
        '"Q: And the ferry?\n\n'
        '"A: The ferry keeps running until the ice comes."'
    )
    quotes = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert [(q.text[:12], q.speaker_text) for q in quotes] == [
        ("Will the bri", "HOST"),
        ("We expect th", "KULEBA"),
        ("And the ferr", None),
        ("The ferry ke", None),
    ]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“The bridge is gone and the ferry is all we have left now.” ― Serhiy Bratchuk",
            "Serhiy Bratchuk",
        ),
        (
            "“The bridge is gone and the ferry is all we have left now.” "
            "pic.twitter.com/a1b2c3 — Serhiy Bratchuk (@bratchuk_s) March 3, 2024",
            "Serhiy Bratchuk",
        ),
    ],
)
def test_byline_after_a_dash_is_the_speaker_and_markup_is_not(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quote = _one(_quotes(nlp, text), "The bridge is gone")
    assert (quote.speaker, quote.speaker_text) == (speaker, speaker)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("“The whole street burned before the firefighters came,” Video said.", "The whole street"),
        (
            "“The whole street burned before the firefighters came,” @kyiv_news wrote.",
            "The whole street",
        ),
        (
            "Reporters heard that Trigger said the unit would move north on Sunday.",
            "the unit would",
        ),
    ],
)
def test_junk_speakers_are_rejected(nlp, text: str, starts: str) -> None:  # type: ignore[no-untyped-def]
    speakers = {q.speaker_text for q in _quotes(nlp, text) if q.text.startswith(starts)}
    assert speakers <= {None}


@pytest.mark.issue(11)
def test_long_subject_is_an_unnamed_description_of_capped_length(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "More than half of those detained in the camps near the border said they had been beaten."
    )
    quote = _one(_quotes(nlp, text), "they had been beaten")
    assert quote.speaker is None and quote.speaker_kind == "unnamed"
    assert quote.speaker_text is not None and len(quote.speaker_text.split()) <= 8
