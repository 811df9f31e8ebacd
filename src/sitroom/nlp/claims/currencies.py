"""Currencies news writes beside a number: ISO 4217 codes, signs and the names of currencies.

Data only: :mod:`sitroom.nlp.claims.patterns` builds its regular expressions from these
tables. A claim's unit is the ISO 4217 code ("ZAR" for "300 rand", "GEL" for "100₾"), so a
reader maps it to any naming it likes (issue 11: money in currencies sitroom did not know
was read as a count of "rand", "zloty", "baht").

Ambiguous names stay out: "rupees", "francs", "pesos", "dinars", "dirhams", "riyals",
"kroner" and "shillings" belong to several countries, so they are a currency only with their
country's adjective ("Pakistani rupees", "Danish kroner"); without it the number counts the
noun, and an unknown currency beats a wrong one.
"""

from __future__ import annotations

__all__ = ["CURRENCY_NAMES", "CURRENCY_SIGNS", "ISO_CODES"]

# ISO 4217 codes read when written in capitals before or after a number ("SEK 2 billion",
# "500 CHF", "6.25 BTC"; BTC is the market's code, not ISO's). Left out on purpose: codes that
# are also common capitalized words or company names in news (PEN, MAD, COP, PHP, AMD, ALL).
ISO_CODES: frozenset[str] = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "AUD", "CAD", "HKD", "NZD", "SGD", "TWD", "KRW",
    "INR", "PKR", "BDT", "LKR", "IDR", "MYR", "THB", "VND", "SEK", "NOK", "DKK", "ISK", "PLN",
    "CZK", "HUF", "RON", "BGN", "HRK", "RSD", "UAH", "RUB", "BYN", "MDL", "GEL", "AZN", "KZT",
    "UZS", "TRY", "ILS", "AED", "SAR", "QAR", "KWD", "BHD", "OMR", "JOD", "IRR", "IQD", "EGP",
    "ZAR", "NGN", "KES", "GHS", "ETB", "MXN", "BRL", "ARS", "CLP", "BTC",
})  # fmt: skip

# Signs of currencies that the shared prefix table of patterns.py does not already read.
CURRENCY_SIGNS: dict[str, str] = {
    "₾": "GEL", "₭": "LAK", "₺": "TRY", "₦": "NGN", "₱": "PHP", "฿": "THB", "₫": "VND",
    "₸": "KZT", "₼": "AZN", "zł": "PLN",
}  # fmt: skip

# Names after a number (regular expression, ISO code), longest first; the first match wins.
CURRENCY_NAMES: tuple[tuple[str, str], ...] = (
    (r"New\s+Zealand\s+dollars?", "NZD"), (r"Singapore\s+dollars?", "SGD"),
    (r"(?:New\s+)?Taiwan(?:ese)?\s+dollars?", "TWD"), (r"(?:South\s+)?Korean\s+won", "KRW"),
    (r"Belarusian\s+r(?:o)?ubles?", "BYN"), (r"Indian\s+rupees?", "INR"),
    (r"Pakistani\s+rupees?", "PKR"), (r"Sri\s+Lankan\s+rupees?", "LKR"),
    (r"Mexican\s+pesos?", "MXN"), (r"Argentine\s+pesos?", "ARS"), (r"Chilean\s+pesos?", "CLP"),
    (r"Philippine\s+pesos?", "PHP"), (r"Danish\s+kron(?:er|e)", "DKK"),
    (r"Norwegian\s+kron(?:er|e)", "NOK"), (r"Swedish\s+kron(?:or|a)", "SEK"),
    (r"(?:UAE|Emirati)\s+dirhams?", "AED"), (r"Moroccan\s+dirhams?", "MAD"),
    (r"Saudi\s+riyals?", "SAR"), (r"Qatari\s+riyals?", "QAR"), (r"Iranian\s+rials?", "IRR"),
    (r"Iraqi\s+dinars?", "IQD"), (r"Kuwaiti\s+dinars?", "KWD"), (r"Egyptian\s+pounds?", "EGP"),
    (r"Kenyan\s+shillings?", "KES"), (r"Brazilian\s+reais|Brazilian\s+reals?|reais", "BRL"),
    (r"zlotys?|zlotych|zloties|złoty", "PLN"), (r"(?:South\s+African\s+)?rand", "ZAR"),
    (r"baht", "THB"), (r"naira", "NGN"), (r"ringgits?", "MYR"), (r"rupiahs?", "IDR"),
    (r"forints?", "HUF"), (r"korunas?|koruny", "CZK"), (r"tenges?", "KZT"),
    (r"(?:Georgian\s+)?laris?", "GEL"), (r"bitcoins?", "BTC"), (r"(?:Croatian\s+)?kunas?", "HRK"),
)  # fmt: skip
