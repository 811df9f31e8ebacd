"""Parse the text of a number ("1,200", "1.2 million", "twenty-five", "$225m") into a float.

Pure string functions, no spaCy: the claim and time-expression extractors find *where* a
number is and call these to learn *what* it is worth. Two parsers, for two grammars:

* :func:`parse_number` reads a numeric claim's number: digits with thousands commas and
  scale words ("1.2 million", "$5bn"), number words ("two hundred and five thousand"),
  fractions ("two-thirds").
* :func:`parse_unit_count` reads how many units a time expression counts ("three days",
  "2 1/2 years", "a couple of weeks", "two and a half months", "half a century"): small
  cardinals and the idioms of durations, no scales, no currency.

Conventions of :func:`parse_number` (documented here because callers rely on them):

* ``parse_number`` returns one exact value or ``None``. Vague plurals ("hundreds",
  "dozens", "tens of thousands") are not one value: ``parse_number`` gives ``None``
  and :func:`parse_vague` gives their ``(low, high)`` range.
* A vague plural of a power P spans P to 10·P ("hundreds" = 100–1,000, "tens of
  thousands" = 10,000–100,000); "dozens" spans 12–120 — the convention of the
  NewsQuant gold (CQE evaluation), so sitroom's ranges line up with it.
* Fractions ("half", "a third", "two-thirds", "one fourth") are their value as a share:
  0.5, 1/3, 2/3, 0.25, and so are "1/4" and "½"; "half a million" is 500,000 and "a
  quarter of a million" 250,000; "one and a half million" is 1,500,000; a multiplier ("sixfold", "10-fold")
  is its factor, 6 and 10.
* Scientific notation is its value: "1.99×10−30" is 1.99e-30, "3×10⁸" is 3e8.
* A leading currency sign or code and a trailing ``%`` are ignored: the caller records
  the unit separately.
"""

from __future__ import annotations

import re

__all__ = [
    "FRACTIONS",
    "SCALES",
    "SMALL_NUMBERS",
    "TENS",
    "WORD_NUMBERS",
    "parse_number",
    "parse_scale",
    "parse_unit_count",
    "parse_vague",
]

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
WORD_NUMBERS: dict[str, int] = {**SMALL_NUMBERS, **TENS, "dozen": 12}

# Multipliers written as words or as the short forms of financial news ("$5bn", "€2.7m").
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7, "k": 1e3, "m": 1e6, "mil": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9,
    "bln": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip

FRACTIONS: dict[str, float] = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
    "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75,
    "a fourth": 0.25, "one fourth": 0.25, "three fourths": 0.75, "a fifth": 0.2,
    "one fifth": 0.2, "two fifths": 0.4, "three fifths": 0.6, "four fifths": 0.8,
    "a tenth": 0.1, "one tenth": 0.1,
}  # fmt: skip
# "half a million", "a quarter of a million", "half million": a share of the number word after it.
_SHARE_OF = re.compile(
    r"^(?P<share>half|(?:a|one)\s+quarter|three\s+quarters|quarter)\s+(?:of\s+)?"
    r"(?=(?:an?\s+)?(?:hundred|thousand|million|billion|trillion|dozen)\b)"
)
_SHARES = {
    "half": 0.5,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "quarter": 0.25,
}
# "1/4", "3/4", "½": a share written with a slash or as one character.
_SLASH = re.compile(r"^([1-9])/(\d{1,2})$")
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# "one and a half million", "2 and a half": a whole number and a half, then its scale.
_AND_A_HALF = re.compile(r"^(?P<whole>.+?)\s+and\s+a\s+half(?:\s+(?P<scale>\w+))?$")
# "sixfold", "a 10-fold rise": a multiplier.
_FOLD = re.compile(r"^(.+?)-?fold$")

# Vague plurals -> (low, high); see the module docstring for where the spans come from.
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (12, 120), "scores": (40, 200), "hundreds": (1e2, 1e3), "thousands": (1e3, 1e4),
    "tens of thousands": (1e4, 1e5), "hundreds of thousands": (1e5, 1e6), "millions": (1e6, 1e7),
    "tens of millions": (1e7, 1e8), "hundreds of millions": (1e8, 1e9), "billions": (1e9, 1e10),
}  # fmt: skip

_CURRENCY_PREFIX = re.compile(r"^(?:us\s?\$|\$us|[ach]\$|hk\s?\$|usd|eur|gbp|uah|rub|[$€£¥₴₽])\s*")
# Thousands commas, or the Indian grouping of lakhs and crores ("12,34,567" is 1,234,567).
_DIGITS = re.compile(
    r"^([-+−]?(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+−]?\.\d+)"
)


def parse_scale(text: str) -> float | None:
    """Return the multiplier a scale word stands for ("million" -> 1e6, "bn" -> 1e9), else None."""
    word = text.strip().lower().rstrip(".")
    return SCALES.get(word[:-1] if word.endswith("s") and word[:-1] in SCALES else word)


def _words_value(words: list[str]) -> float | None:
    """Sum number words the usual way: "two hundred and five thousand" = 205,000."""
    total, current, seen = 0.0, 0.0, False
    for i, word in enumerate(words):
        if word == "and" and seen:
            continue
        if word == "a" and i == 0:
            current, seen = 1.0, True
        elif word in WORD_NUMBERS:
            current += WORD_NUMBERS[word] if word != "dozen" else (current or 1) * 12 - current
            seen = True
        elif word == "hundred":
            current, seen = (current or 1) * 100, True
        elif (scale := parse_scale(word)) is not None and len(word) > 2:
            total, current, seen = total + (current or 1) * scale, 0.0, True
        else:
            return None
    return total + current if seen else None


# "1.99×10−30", "6.02 x 10^23", "3×10⁸": scientific notation, the exponent in digits or
# superscripts (read after ``_SUPERSCRIPTS``).
_SCIENTIFIC = re.compile(r"^(\d+(?:\.\d+)?) ?[×x] ?10(?:\^|\*\*)?(-?\d{1,3})$")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def parse_number(text: str) -> float | None:
    """Return the value of a number written in digits, words or both, else None.

    >>> parse_number("1.2 million"), parse_number("twenty-five"), parse_number("$5bn")
    (1200000.0, 25.0, 5000000000.0)
    """
    cleaned = _CURRENCY_PREFIX.sub("", text.strip().lower()).rstrip("%").strip()
    cleaned = cleaned.replace("\u00a0", " ").replace("−", "-")
    if not cleaned or cleaned in _VAGUE:
        return None
    if (fraction := FRACTIONS.get(cleaned.replace("-", " "))) is not None:
        return fraction
    if (share := _SHARE_OF.match(cleaned)) and (
        whole := parse_number(cleaned[share.end() :])
    ) is not None:
        return whole * _SHARES[" ".join(share["share"].split())]
    if slash := _SLASH.match(cleaned):
        return int(slash[1]) / int(slash[2])
    if cleaned in _VULGAR:
        return _VULGAR[cleaned]
    if (half := _AND_A_HALF.match(cleaned)) and (whole := parse_number(half["whole"])) is not None:
        scale = 1.0 if half["scale"] is None else parse_scale(half["scale"])
        return None if scale is None else (whole + 0.5) * scale
    if (fold := _FOLD.match(cleaned)) and (times := parse_number(fold[1])) is not None:
        return times
    if sci := _SCIENTIFIC.match(cleaned.translate(_SUPERSCRIPTS)):
        return float(f"{sci[1]}e{sci[2]}")
    if m := _DIGITS.match(cleaned):
        value = float(m.group(1).replace(",", "").replace("−", "-"))
        rest = cleaned[m.end() :].replace("-", " ").split()
        for word in rest:
            scale = parse_scale(word)
            if scale is None:
                return None
            value *= scale
        return value
    return _words_value(cleaned.replace("-", " ").split())


def parse_vague(text: str) -> tuple[float, float] | None:
    """Return the (low, high) range a vague plural stands for ("hundreds" -> (100, 1000)), else None."""
    return _VAGUE.get(" ".join(text.lower().split()))


# ---------------------------------------------------------------- counts of time units

# Words that count one unit in a time expression: "a day", "an hour", "a single week".
_ONE_UNIT = {"a": 1, "an": 1, "single": 1}
# Quantifiers that count an unknown number of units ("several days"): no value.
_VAGUE_COUNTS = frozenset(
    {"several", "a few", "few", "some", "many", "a couple of", "couple of", "a number of",
     "numerous", "dozens of"}
)  # fmt: skip
_DIGITS_HALF = re.compile(r"^(\d+(?:\.\d+)?)(\s+1/2)?$")  # after thousands commas are dropped


def parse_unit_count(text: str) -> float | None:
    """Return how many units a time expression counts, else None (vague: "several", "a few").

    Unlike :func:`parse_number`, reads the idioms of durations and no scale words:

    >>> parse_unit_count("2 1/2"), parse_unit_count("a couple of"), parse_unit_count("half a")
    (2.5, 2.0, 0.5)
    >>> parse_unit_count("two and a half"), parse_unit_count("a quarter of a"), parse_unit_count("1 million")
    (2.5, 0.25, None)
    """
    t = " ".join(text.lower().replace("-", " ").replace(",", "").split())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t.removesuffix(" and a half"), 0.5
    if m := _DIGITS_HALF.match(t):
        return float(m[1]) + (0.5 if m[2] else 0.0) + half
    if t in ("a half", "half a", "half an"):
        return 0.5
    if t in ("a quarter", "a quarter of a", "a quarter of an"):
        return 0.25
    if t in ("a couple of", "couple of"):
        return 2.0
    if t == "a dozen":
        return 12.0
    if t in _VAGUE_COUNTS:
        return None
    total = 0
    for word in t.split():
        value = TENS.get(word, SMALL_NUMBERS.get(word, _ONE_UNIT.get(word)))
        if value is None:
            return None
        total += value
    return total + half
