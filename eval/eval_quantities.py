"""Quantity extraction on NewsQuant (dev half) and four Recognizers-Text sets.

Scoring (shared/benchmarks/README.md): a predicted quantity matches a gold one in the same
sentence when the normalized value is equal ("1.2 million" = 1200000; a range matches a
gold "low-high" when both ends are equal); "value+unit" also needs the normalized unit to
agree. Greedy one-to-one matching per sentence; P/R/F1 over all quantities.

Units: sitroom's units map onto the gold's ``normalized_unit`` through ``UNIT_MAP``; a
plain count (unit None) takes the lemma of the counted noun's last word, which is how the
gold normalizes count nouns ("13000 workers" -> "worker").

Halves (eval/halves.py): each sentence falls in ``tune`` or ``check`` by the SHA-1 of its
text; ``<metric>_tune`` and ``<metric>_check`` sit beside the figure over all sentences.
Read errors on the tune half only (``--errors``); the check half is only measured.

Durations: NewsQuant counts amounts of time ("three months", "33 years"); sitroom leaves
them to time expressions by default. The headline figures use ``durations=True`` (the
benchmark's convention); ``*_without_durations`` are sitroom's default output. Neither
counts years. Known difference kept on purpose: NewsQuant counts "one of the best ..." as
the quantity 1; sitroom does not.
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitroom.nlp.claims.extract import extract_claims
from sitroom.nlp.pipeline import load_nlp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import split_halves

TARGETS = {"value_f1": 0.90}

# sitroom unit -> NewsQuant normalized_unit.
UNIT_MAP: dict[str, str] = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "AUD": "australian dollar",
    "CAD": "canadian dollar", "HKD": "hong kong dollar", "ILS": "shekel", "CNY": "chinese yuan", "CHF": "swiss franc",
    "RUB": "russian ruble", "UAH": "ukrainian hryvnia", "cent": "cent", "pence": "penny", "MYR": "malaysian ringgit",
    "INR": "indian rupee", "BRL": "brazilian real", "KRW": "south korean won", "PLN": "polish zloty",
    "percent": "percentage", "percentage point": "percentage point", "basis point": "basis point",
    "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre", "mile": "mile", "foot": "foot",
    "inch": "inch", "yard": "yard", "nautical mile": "nautical mile", "km2": "square kilometre",
    "square mile": "square mile", "m2": "square metre", "m3": "cubic metre", "cubic foot": "cubic foot",
    "hectare": "hectare", "acre": "acre", "tonne": "metric ton", "kg": "kilogram", "g": "gram", "pound": "pound-mass",
    "mph": "mile per hour", "km/h": "kilometre per hour", "knot": "knot", "celsius": "celsius",
    "fahrenheit": "fahrenheit", "degree": "degree", "litre": "litre", "gallon": "gallon", "barrel": "barrel",
    "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt", "kWh": "kilowatt hour",
    "MWh": "megawatt hour", "GWh": "gigawatt hour", "hp": "horsepower", "bhp": "brake horsepower", "years old": "year of age",
    "months old": "month of age", "mpg": "mile per gallon", "μm": "micrometre", "nm": "nanometre",
    "mg": "milligram", "ounce": "ounce", "ml": "millilitre", "V": "volt", "GB": "gigabyte", "TB": "terabyte",
    "MB": "megabyte", "GHz": "gigahertz", "MHz": "megahertz", "Hz": "hertz", "mAh": "milliampere-hour",
    "dB": "decibel", "Nm": "newton metre", "kHz": "kilohertz",
    "Mbps": "megabit per second", "Gbps": "gigabit per second", "kbps": "kilobit per second", "ppm": "parts-per-million", "ppb": "parts-per-billion", "rpm": "revolutions per minute",
    "weeks old": "week of age", "days old": "day of age", "lb-ft": "pound-foot", "PS": "horsepower",
    "km3": "cubic kilometre", "BTC": "bitcoin", "TRY": "turkish lira", "MXN": "mexican peso",
    "square foot": "square foot", "μg": "microgram", "dm": "decimetre", "tablespoon": "tablespoon",
    "teaspoon": "teaspoon", "cup": "cup", "NZD": "new zealand dollar", "SGD": "singapore dollar",
    "TWD": "new taiwan dollar", "PKR": "pakistani rupee", "BDT": "bangladeshi taka", "LKR": "sri lankan rupee",
    "IDR": "indonesian rupiah", "THB": "thai baht", "VND": "vietnamese dong", "SEK": "swedish krona",
    "NOK": "norwegian krone", "DKK": "danish krone", "ISK": "icelandic krona", "CZK": "czech koruna",
    "HUF": "hungarian forint", "RON": "romanian leu", "BGN": "bulgarian lev", "HRK": "croatian kuna",
    "RSD": "serbian dinar", "BYN": "belarusian ruble", "MDL": "moldovan leu", "GEL": "georgian lari",
    "AZN": "azerbaijani manat", "KZT": "kazakhstani tenge", "UZS": "uzbekistani som", "AED": "uae dirham",
    "SAR": "saudi riyal", "QAR": "qatari riyal", "KWD": "kuwaiti dinar", "BHD": "bahraini dinar",
    "OMR": "omani rial", "JOD": "jordanian dinar", "IRR": "iranian rial", "IQD": "iraqi dinar",
    "EGP": "egyptian pound", "ZAR": "south african rand", "NGN": "nigerian naira", "KES": "kenyan shilling",
    "GHS": "ghanaian cedi", "ETB": "ethiopian birr", "ARS": "argentine peso", "CLP": "chilean peso",
    "LAK": "lao kip", "PHP": "philippine peso", "MAD": "moroccan dirham",
    "TWh": "terawatt hour", "Wh": "watt hour", "fps": "frame per second", "MP": "megapixel",
    "cc": "cubic centimetre", "light year": "light-year", "kelvin": "kelvin",
}  # fmt: skip
# Recognizers-Text sets, in the same JSON shape as NewsQuant.
RECOGNIZERS = (
    "age-model.json",
    "currency-model.json",
    "dimension-model.json",
    "temperature-model.json",
)


def _gold_values(raw: str) -> tuple[float, ...] | None:
    """ "1200" -> (1200,); "252.0-287.0" -> (252, 287); "3.0 - 4.0" -> (3, 4)."""
    text = raw.strip().replace(" ", "")
    try:
        return (float(text),)
    except ValueError:
        pass
    head, sep, tail = text[1:].partition("-")  # the first char may be a minus sign
    try:
        return (float(text[0] + head), float(tail)) if sep else None
    except ValueError:
        return None


def _same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(
        math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)
        for x, y in zip(sorted(a), sorted(b), strict=True)
    )


def _predicted(claim) -> tuple[float, ...] | None:
    if claim.value is not None:
        return (claim.value,)
    if claim.low is not None and claim.high is not None:
        return (claim.low, claim.high)
    return None


def _singular(word: str) -> str:
    for plural, singular in (
        ("ies", "y"),
        ("sses", "ss"),
        ("uses", "us"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
        ("men", "man"),
    ):
        if word.endswith(plural):
            return word[: -len(plural)] + singular
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us")) else word


# Denominators of rates ("USD per barrel"), where the gold's name differs from sitroom's.
PER_MAP = {
    "g": "gram",
    "kg": "kilogram",
    "m2": "square metre",
    "kWh": "kilowatt hour",
    "MWh": "megawatt hour",
    "mmBtu": "mega british thermal unit",
}


def _unit_of(claim) -> str:
    if claim.unit is not None and claim.unit.startswith("per ") and claim.what:
        # a counted rate ("400 shells a day": what "shells", unit "per day")
        return f"{_unit_of(replace(claim, unit=None))} {claim.unit}"
    if claim.unit is not None and " per " in claim.unit:
        unit, per = claim.unit.split(" per ", 1)
        return f"{UNIT_MAP.get(unit, unit)} per {PER_MAP.get(per, per)}"
    if claim.unit is not None:
        return UNIT_MAP.get(claim.unit, claim.unit)
    if claim.what:
        words = claim.what.split(" of ")[0].lower().split()
        if words == ["times"]:
            return "count"  # "lost it 7 times": the gold names a number of occurrences "count"
        return " ".join([*words[:-1], _singular(words[-1])])
    return "-"


def _same_unit(ours: str, gold: str) -> bool:
    """Units agree when equal, or for counted nouns when their head words agree
    ("heart transplant" vs "transplant": the gold keeps modifiers sitroom may drop;
    "Americans" vs "american": a few golds keep the plural sitroom singularizes)."""
    gold = gold.lower()
    gold_head = [_singular(w) for w in gold.split()[-1:]]  # a few golds keep the plural
    return ours == gold or (ours.split()[-1:] == gold_head and ours not in UNIT_MAP.values())


class Counts(NamedTuple):
    n_pred: int
    n_gold: int
    tp_value: int
    tp_value_unit: int


def _score(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _match(
    pred: list[tuple[tuple[float, ...], str]],
    gold: list[tuple[tuple[float, ...], str]],
    *,
    unit: bool,
) -> int:
    free = list(gold)
    tp = 0
    for values, u in pred:
        for i, (g_values, g_unit) in enumerate(free):
            if _same(values, g_values) and (not unit or _same_unit(u, g_unit)):
                tp += 1
                del free[i]
                break
    return tp


def _count(items: list[dict], nlp, *, durations: bool, errors: list[str] | None) -> list[Counts]:
    """Per sentence: predictions, gold quantities, value matches, value+unit matches."""
    out: list[Counts] = []
    for item, doc in zip(items, nlp.pipe([i["text"] for i in items], batch_size=64), strict=True):
        claims = extract_claims(doc, article_id="eval", durations=durations)
        pred = [(v, _unit_of(c)) for c in claims if (v := _predicted(c)) is not None]
        gold = [
            (v, q["normalized_unit"])
            for q in item["quantities"]
            if (v := _gold_values(str(q["value"]))) is not None
        ]
        tv, tvu = _match(pred, gold, unit=False), _match(pred, gold, unit=True)
        out.append(Counts(len(pred), len(gold), tv, tvu))
        if errors is not None and (tv < len(pred) or tv < len(gold) or tvu < tv):
            errors.append(
                f"{item['text']}\n   pred {[(c.text, _predicted(c), _unit_of(c), c.what) for c in claims]}\n   gold {[(q['value'], q['normalized_unit']) for q in item['quantities']]}"
            )
    return out


def _metrics(counts: list[Counts]) -> dict[str, float]:
    n_pred, n_gold = sum(c.n_pred for c in counts), sum(c.n_gold for c in counts)
    tp_v, tp_vu = sum(c.tp_value for c in counts), sum(c.tp_value_unit for c in counts)
    p, r, f = _score(tp_v, n_pred, n_gold)
    _, _, fu = _score(tp_vu, n_pred, n_gold)
    return {
        "value_precision": p,
        "value_recall": r,
        "value_f1": f,
        "value_unit_f1": fu,
        "gold": n_gold,
        "predicted": n_pred,
    }


def score_newsquant(
    items: list[dict], nlp, *, durations: bool = True, errors: list[str] | None = None
) -> dict[str, float]:
    return _metrics(_count(items, nlp, durations=durations, errors=errors))


def half_key(item: dict) -> str:
    """The tune/check split key of a NewsQuant sentence: its text (eval/halves.py hashes it)."""
    return str(item["text"])


def score_halves(items: list[dict], nlp, *, durations: bool = True) -> dict[str, float]:
    """``score_newsquant`` over everything, plus ``value_f1_tune``, ``value_unit_f1_check``, ..."""
    counts = _count(items, nlp, durations=durations, errors=None)
    metrics = _metrics(counts)
    by_half = split_halves(zip(items, counts, strict=True), key=lambda pair: half_key(pair[0]))
    for half, pairs in by_half.items():
        scores = _metrics([c for _, c in pairs])
        for key in ("value_f1", "value_unit_f1", "value_precision", "value_recall", "gold"):
            metrics[f"{key}_{half}"] = scores[key]
    return metrics


def run(
    shared: Path, *, limit: int | None = None, extras: bool = True
) -> dict[str, float | int | str]:
    """Score NewsQuant dev (its first ``limit`` sentences, if given), all and by tune/check
    half; ``extras=False`` skips the without-durations view and the Recognizers-Text sets."""
    nlp = load_nlp()
    base = shared / "benchmarks" / "quantities"
    items = json.loads((base / "newsquant-dev.json").read_text(encoding="utf-8"))[:limit]
    metrics: dict[str, float | int | str] = dict(score_halves(items, nlp))
    if not extras:
        return metrics
    default = score_newsquant(items, nlp, durations=False)
    metrics["value_f1_without_durations"] = default["value_f1"]
    metrics["value_unit_f1_without_durations"] = default["value_unit_f1"]
    for name in RECOGNIZERS:
        path = base / name
        if path.is_file():
            scores = score_halves(json.loads(path.read_text(encoding="utf-8")), nlp)
            key = name.removesuffix("-model.json")
            for metric in ("value_f1", "value_unit_f1"):
                for suffix in ("", "_tune", "_check"):
                    metrics[f"{key}_{metric}{suffix}"] = scores[metric + suffix]
    return metrics


if __name__ == "__main__":
    # `python eval/eval_quantities.py --errors` prints the tune-half sentences that miss
    # (the check half is only measured, never read: issue 11).
    shared = Path(
        os.environ.get("SITROOM_SHARED") or Path(__file__).resolve().parents[2] / "shared"
    )
    if "--errors" in sys.argv:
        errs: list[str] = []
        name = next((a for a in sys.argv[1:] if a.endswith(".json")), "newsquant-dev.json")
        data = json.loads((shared / "benchmarks/quantities" / name).read_text(encoding="utf-8"))
        data = split_halves(data, key=half_key)["tune"]
        print(score_newsquant(data, load_nlp(), errors=errs))
        print("\n".join(errs))
    else:
        print(run(shared))
