"""Made-up article text for benchmarks and tests: random runs of war-news words.

Each seed gives a different article whose 5-word shingles differ from every other seed's,
so generated corpora never trip near-duplicate detection by accident.
"""

from __future__ import annotations

import random

__all__ = ["WORDS", "synthetic_story"]

WORDS = [
    "convoy",
    "brigade",
    "artillery",
    "village",
    "river",
    "bridge",
    "council",
    "governor",
    "drone",
    "missile",
    "shelter",
    "volunteers",
    "ministry",
    "report",
    "evening",
    "morning",
    "northern",
    "southern",
    "eastern",
    "front",
    "line",
    "supply",
    "depot",
    "railway",
    "station",
    "engineers",
    "hospital",
    "school",
    "power",
    "grid",
    "repairs",
    "talks",
    "envoy",
    "ceasefire",
    "border",
    "crossing",
    "harbour",
    "grain",
]


def synthetic_story(
    seed: int,
    *,
    paragraphs: int | tuple[int, int] = 3,
    words: tuple[int, int] = (18, 30),
    title_prefix: str = "Dispatch",
    title_words: int = 4,
) -> str:
    """A title line and paragraphs separated by blank lines, ending with a newline."""
    rng = random.Random(seed)
    count = paragraphs if isinstance(paragraphs, int) else rng.randint(*paragraphs)
    title = (
        f"{title_prefix} {seed}: "
        + " ".join(rng.choice(WORDS) for _ in range(title_words)).capitalize()
    )
    body = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(*words))).capitalize() + "."
        for _ in range(count)
    ]
    return "\n\n".join([title, *body]) + "\n"
