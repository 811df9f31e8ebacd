"""The API's record models are built from the record dataclasses: one definition per shape."""

from __future__ import annotations

from dataclasses import asdict, fields, replace

import pytest

from sitroom.api.schemas import (
    PUBLIC_EXCLUDED,
    ClaimPublic,
    EntityPublic,
    EventPublic,
    MentionPublic,
    PlacePublic,
    QuotePublic,
    TimexPublic,
)
from sitroom.records import Claim, Entity, Event, Mention, Place, Quote, Timex

PAIRS = [
    (MentionPublic, Mention),
    (QuotePublic, Quote),
    (ClaimPublic, Claim),
    (TimexPublic, Timex),
    (PlacePublic, Place),
    (EventPublic, Event),
]


# Fields a public model adds after the record's own, derived from other records (issue 10:
# a quote's speaker as its canonical actor, from reconcile).
DERIVED = {QuotePublic: ["speaker_actor"]}


@pytest.mark.parametrize(("model", "record"), PAIRS)
def test_public_model_has_the_records_fields_in_order(model, record) -> None:
    expected = [f.name for f in fields(record) if f.name not in PUBLIC_EXCLUDED[record]]
    assert list(model.model_fields) == expected + DERIVED.get(model, [])


def test_entity_model_adds_the_mention_count() -> None:
    assert list(EntityPublic.model_fields) == [f.name for f in fields(Entity)] + ["mentions"]


def test_public_model_reads_a_record() -> None:
    event = Event(article_id="a1", start=0, end=5, text="Strike", event_type="strike",
                  plover="ASSAULT", weapons=("drone",), quantities={"killed": 2.0})  # fmt: skip
    public = EventPublic.model_validate(event)
    # Evidence pairs are {start, end} objects in the public shape, as in the extract contract.
    assert public.model_dump() == asdict(event) | {"evidence": []}
    spanned = EventPublic.model_validate(replace(event, evidence=((0, 5), (9, 20))))
    assert spanned.model_dump()["evidence"] == [{"start": 0, "end": 5}, {"start": 9, "end": 20}]
    assert EventPublic.model_fields["status"].default == "reported"
