"""Issue 9 realis class: refusals, failures and efforts report no happening. Sentences written for the test."""

from __future__ import annotations

import pytest

from sitroom.nlp.extract import doc_to_records

pytestmark = pytest.mark.issue(9)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The Georgian government refuses to meet the protest leaders.", "meeting"),
        ("Hungary declined to sign the joint statement on sanctions.", "agreement"),
        ("Moscow failed to sign the grain agreement before the deadline.", "agreement"),
        ("Officials in Chisinau are making efforts to hold talks with Tiraspol.", "meeting"),
    ],
)
def test_an_act_refused_or_tried_is_not_reported_as_done(nlp, text: str, event_type: str) -> None:
    events = doc_to_records(nlp(text), article_id="r9", published="2023-04-01").events
    typed = [e for e in events if e.event_type == event_type]
    assert all(e.status not in {"reported", "claimed"} for e in typed)


def test_a_refusal_denied_keeps_the_act(nlp) -> None:
    text = "Finland did not refuse to sign the defence agreement with Washington."
    events = doc_to_records(nlp(text), article_id="r9", published="2023-04-01").events
    assert [e.status for e in events if e.event_type == "agreement"] == ["reported"]
