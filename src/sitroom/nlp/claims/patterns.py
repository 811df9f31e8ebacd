"""Find number expressions in plain text: number, scale, currency, unit, bound and range.

No spaCy here: these are the surface patterns; :mod:`sitroom.nlp.claims.extract` uses the parse
to drop dates, names and model numbers and to find what is counted and who says so.

Normalized vocabularies (what ``Claim.bound`` and ``Claim.unit`` can hold):

* bound: "at least", "more than", "up to", "less than", "approximately", "nearly", "exactly".
  "over"/"above"/"in excess of" -> "more than"; "as many as"/"at most" -> "up to";
  "fewer than"/"under"/"below"/"sub-" -> "less than"; "about"/"around"/"roughly"/"some"/"an
  estimated" -> "approximately"; "almost"/"close to"/"just under" -> "nearly".
* unit: ISO 4217 codes for money (USD EUR GBP UAH RUB JPY CNY ILS AUD CAD HKD CHF, and every
  code, sign and unambiguous name in :mod:`sitroom.nlp.claims.currencies`), "cent", "pence",
  "percent", "percentage point", "basis point", lengths (km m cm mm mile foot inch yard
  "nautical mile"), areas (km2 "square mile" hectare acre), masses (tonne kg g pound),
  speeds (mph km/h knot), "celsius" "fahrenheit" "degree", volumes (litre gallon barrel
  m3 km3 cc), power/energy (W kW MW GW Wh kWh MWh GWh TWh hp PS), "fps", "MP" (megapixels),
  "light year", "kelvin", torque (Nm lb-ft), ages ("years old", "months old", "weeks old",
  "days old"), and time units (second minute hour day week month year decade century) which
  mark durations, and "times" for a multiplier ("sixfold", "3x"). Money also takes CAD MXN
  TRY BTC and NT$ S$ NZ$ KSh; rates take "per mmBtu", "per night", "per second". Also
  "square foot", "μg", "dm", "tablespoon" "teaspoon" "cup", "m per second" ("m/s"),
  "percentage point" for "pp"/"ppts", and the capital symbols W V C F after a space ("35 C").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitroom.nlp.claims.currencies import CURRENCY_NAMES, CURRENCY_SIGNS, ISO_CODES
from sitroom.nlp.numbers import parse_number, parse_scale, parse_vague

__all__ = [
    "TIME_UNITS",
    "Piece",
    "find_bound",
    "find_pieces",
    "find_range_joiner",
    "find_rate",
    "is_spaced_symbol",
]

_ONES = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD = rf"(?:(?:{_TENS})(?:-(?:{_ONES}))?|{_ONES}|hundred|thousand|million|billion|trillion|dozen)"
_AFTER_SCALE = "(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))"
# "two and a half", "one and a half million": a half added to the whole number before it.
_AND_A_HALF = r"(?:[ \u00a0]+and[ \u00a0]+a[ \u00a0]+half(?:[ \u00a0]+(?:thousand|million|billion|trillion))?\b)?"
_FIRST_WORD = rf"(?:(?:{_TENS})(?:-(?:{_ONES}))?|{_ONES}|a\s+(?=hundred|thousand|million|billion|dozen)(?:{_WORD}))"

# One number: digits (1,200 / 3.5 / .5), number words, a vague plural, or a fraction.
_CORE = re.compile(
    # "sixfold", "a 10-fold rise": the factor of a multiplier (before digits: "10" of "10-fold")
    rf"(?P<fold>\b(?:{_ONES}|{_TENS}|\d+)-?fold\b)|"
    # "1/4 mile", "3/4 of the village", "½ cup": kept only before a unit or "of" (``_piece``)
    r"(?P<slash>(?<![\d/.,])[1-9]/(?:2|3|4|5|8|10|16)(?![\d/])|[½¼¾⅓⅔])|"
    # "1.99×10−30", "6.02 x 10^23", "3×10⁸": scientific notation ("x" only before "^" or a
    # superscript: "3x10" alone is a size, "a 3x10 m room")
    r"(?P<sci>(?<![\d.,])\d+(?:\.\d+)?[ \u00a0]?(?:×[ \u00a0]?10(?:\^|\*\*)?[−-]?\d{1,3}|"
    r"[×x][ \u00a0]?10(?:(?:\^|\*\*)[−-]?\d{1,3}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})))(?![\d.])|"
    # thousands commas, or the Indian grouping of lakhs and crores ("Rs 12,34,567")
    rf"(?P<digits>(?:\d{{1,2}}(?:,\d{{2}})+,\d{{3}}|\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?{_AND_A_HALF}|(?<!\d)\.\d+)"
    # "half a million", "a quarter of a million", "half million": a share of a number word
    r"|(?P<half>\b(?:half|(?:a|one|three)\s+quarters?|quarter)\s+(?:of\s+)?(?:an?\s+)?(?:hundred|thousand|million|billion|dozen)\b)"
    r"|(?P<fraction>\b(?:half|a\s+(?:third|quarter|fourth|fifth|tenth)|two[-\s]thirds|three[-\s](?:quarters|fourths)|(?:two|three|four)[-\s]fifths|one[-\s](?:third|quarter|half|fourth|fifth|tenth))(?=\s+of\b))"
    # "cut by a third", "fell by half": a share of a change, after "by"
    r"|(?P<share>(?<=\bby\s)(?:half|a\s+(?:third|quarter|fifth|tenth)|two[-\s]thirds|three[-\s]quarters)\b(?!\s+(?:a|an)\s))"
    r"|(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)(?=\s+of\b))"
    # "and" joins number words only after a scale: "two hundred and five", not "two and three"
    rf"|(?P<words>\b{_FIRST_WORD}(?:(?:\s+|-|{_AFTER_SCALE}\s+and\s+)(?:{_WORD}))*{_AND_A_HALF}\b)",
    re.IGNORECASE,
)

# Scale after a number: words ("1.2 million", "4 hundred million") or attached short forms.
_SCALE_WORDS = re.compile(
    r"(?:(?:[ \u00a0]+|-)(?:hundred|thousand|million|billion|trillion|lakh|crore)s?\b)+",
    re.IGNORECASE,
)
# Number words that end in a scale: "five thousand", "twenty-two million".
_WORDS_SCALE = re.compile(r"(.+?)[\s-]+(?:thousand|million|billion|trillion)", re.IGNORECASE)
_SCALE_ATTACHED = re.compile(r"(?:bn|tn|trn|mn|mln|mil|M|k|K)(?![\w])")
_SCALE_ATTACHED_MONEY = re.compile(r"(?:m|b|k|K|B)(?![\w])")
# "8 B dollars", "3.5 M euros": a short scale written apart, before a currency word.
_SCALE_SPACED_MONEY = re.compile(
    r"[ \u00a0](?:B|M|bn|mn|mln)(?=[ \u00a0]+(?:(?:US|U\.S\.)\s+)?(?:dollars?|euros?|pounds?|"
    r"rubles?|roubles?|hryvnias?|yen|yuan)\b)"
)
# The unit of a table row that matches an ISO code: the code as written.
_ISO = "ISO"
_ISO_PATTERN = rf"(?-i:{'|'.join(sorted(ISO_CODES))})"
# "12 mln units", "2.3 trn won": the short forms that are never a unit, written apart.
_SCALE_SPACED = re.compile(r"[ \u00a0](?:bn|bln|mn|mln|trn|tn)(?![\w])")
# "300 MUSD", "120 MEUR": a currency code with an M for millions (Nordic and German reports).
_MILLION_CODE = re.compile(rf"[ \u00a0]?M(?={_ISO_PATTERN}(?![\w]))")
# "75 USD million": the scale written after the currency code.
_SCALE_AFTER_CODE = re.compile(
    r"[ \u00a0]+(?:million|billion|trillion|mln|bln|mn|bn)\b", re.IGNORECASE
)
# "3.4 trillion won": Korea's currency, a verb unless a scale word comes before it.
_WON_AFTER_SCALE = re.compile(r"[ \u00a0]+won\b")
# "245p", "45p a litre": pence written against the figure, as UK news prices shares and fuel
# ("1080p", "720p" are video resolutions, not prices).
_PENCE_ATTACHED = re.compile(r"p(?![\w])")
_VIDEO_LINES = frozenset({"144", "240", "360", "480", "576", "720", "1080", "1440", "2160", "4320"})
# "$75 U.S. per barrel": the country written after a dollar amount, before its rate.
_US_BEFORE_RATE = re.compile(r"[ \u00a0](?:U\.S\.|US)(?=[ \u00a0]+per\b)")
# "PS2.7m", "PS21,700": the pound sign of UK news turned into "PS" by an ASCII conversion
# (the yen sign becomes "Y=" the same way: "Y=28,030", read with the currency prefixes).
# Only before a figure with a comma, a decimal point or a scale ("PS5" is a games console).
_ASCII_POUND = re.compile(r"(?<![A-Za-z])PS(?=\d{1,3}(?:,\d{3})+|\d+\.\d|\d+(?:m|bn|k)\b)")
# "1.2m tons", "3m barrels": an attached "m" before a unit that is not a length is millions.
_MILLIONS_BEFORE_UNIT = re.compile(r"m(?=[ \u00a0]+\w)")
# "2m users", "1.3m people", "2 m people": an "m" before a plural count noun is millions too
# (attached or spaced); a length is followed by a singular noun or an adjective ("a 5m
# wall", "5m tall", "100m sprint").
_MILLIONS_BEFORE_COUNT = re.compile(
    r"[ \u00a0]?m(?=[ \u00a0]+(?:people|children|men|women|adults|voters|residents|refugees|(?!(?:across|"
    r"always|besides|towards|upwards|downwards|perhaps|sometimes|yes|this|thus|plus|less|has|"
    r"was|is|as|its|his|hers|ours|yours|theirs)\b)[a-z]{3,}[^s\W]s)\b)"
)
# "10 m high", "300 m under the river": a spaced "m" is metres only before a word of size or
# place ("5 m in 2020" may be millions, "2 m people" is).
_METRES_SPACED = re.compile(
    r"[ \u00a0]m(?=[ \u00a0]+(?:high|tall|long|wide|deep|thick|away|above|below|under|across|"
    r"apart|underground|underwater|in\s+(?:diameter|length|height|width|depth))\b)"
)
_LENGTH_UNITS = frozenset({"km", "m", "cm", "mm", "mile", "foot", "inch", "yard", "nautical mile"})

_CURRENCY_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"(?<![A-Za-z])(?i:us)\s?\$|\$\s?US|USD\s?", "USD"), (r"\$A|(?<![A-Za-z])(?i:au?)\$|AUD\s?", "AUD"),
    (r"C\$|CA\$|CAD\s?", "CAD"), (r"(?<![A-Za-z])(?i:hk)\s?\$|HKD\s?", "HKD"),
    (r"(?<![A-Za-z])(?i:c|cad)\s?\$", "CAD"), (r"(?<![A-Za-z])(?i:mex|mx)\$|MXN\s?", "MXN"), (r"₿|BTC\s?", "BTC"),
    (r"(?<![A-Za-z])(?i:nt)\$|TWD\s?", "TWD"), (r"(?<![A-Za-z])(?i:s|sg)\$|SGD\s?", "SGD"),
    (r"(?<![A-Za-z])(?i:nz)\$|NZD\s?", "NZD"), (r"(?<![A-Za-z])K[Ss]h\s?|KES\s?", "KES"),
    (r"(?<![A-Za-z])(?i:r)\$|BRL\s?", "BRL"),
    (r"\$", "USD"), (r"€|EUR\s?", "EUR"), (r"£|GBP\s?", "GBP"),
    (r"¥|(?<![A-Za-z])Y=|JPY\s?", "JPY"), (r"₴|UAH\s?", "UAH"), (r"₽|RUB\s?", "RUB"), (r"₪|ILS\s?", "ILS"),
    (r"CHF\s?", "CHF"), (r"RM\s?|MYR\s?", "MYR"), (r"Rs\.?\s?|₹|INR\s?", "INR"),
    (r"₩|KRW\s?", "KRW"), (r"PLN\s?", "PLN"),
    *((rf"{re.escape(sign)}\s?", code) for sign, code in CURRENCY_SIGNS.items()),
    # any other ISO code in capitals: "SEK 2 billion", "AED 300" (the unit is the code written)
    (rf"(?<![A-Za-z])(?:{'|'.join(sorted(ISO_CODES))})\s?", _ISO),
)  # fmt: skip
_CURRENCY_BEFORE = re.compile(
    "(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_CURRENCY_PREFIXES)) + r")\s?$"
)

# Units after the number, longest first. (pattern, unit, may be separated by a space).
_UNIT_TABLE: tuple[tuple[str, str], ...] = (
    *CURRENCY_NAMES,
    (r"(?:US|U\.S\.|American)\s+dollars?", "USD"), (r"Australian\s+dollars?", "AUD"),
    (r"Canadian\s+dollars?", "CAD"), (r"Hong\s+Kong\s+dollars?", "HKD"), (r"dollars?", "USD"),
    (r"euros?|€", "EUR"), (r"pounds?\s+sterling|sterling|£", "GBP"),
    (r"hryvnias?|hryvnyas?|hryvnas?|₴", "UAH"), (r"rubles?|roubles?|₽", "RUB"), (r"yen", "JPY"),
    (r"yuan|renminbi|rmb|元", "CNY"), (r"(?:Turkish\s+)?liras?|(?-i:TL)", "TRY"), (r"shekels?", "ILS"), (r"Swiss\s+francs?", "CHF"),
    (r"USD", "USD"), (r"EUR", "EUR"), (r"GBP", "GBP"), (r"UAH", "UAH"), (r"RUB", "RUB"), (r"JPY", "JPY"),
    (_ISO_PATTERN, _ISO), *((re.escape(sign), code) for sign, code in CURRENCY_SIGNS.items()),
    (r"cents?", "cent"), (r"pence", "pence"),
    (r"percentage\s+points?|ppts?|(?-i:pp)(?!\.)", "percentage point"), (r"basis[-\s]points?|bps|(?-i:bp)", "basis point"),
    (r"per\s?cent|percent|pct|pc|%", "percent"),
    (r"miles\s+(?:per|an)\s+hour|mph", "mph"), (r"miles\s+per\s+gallon|mpg", "mpg"),
    (r"(?:pound|lb)s?[-\s](?:feet|foot|ft)|lb\.?[-\s]?ft", "lb-ft"),
    (r"(?:kilomet(?:er|re)s?|km)\s*(?:per\s+hour|an\s+hour|/\s?h(?:r|our)?)|kph|km?ph|kmh", "km/h"),
    (r"nautical\s+miles?", "nautical mile"), (r"square\s+(?:kilomet(?:er|re)s?|km)|sq\.?\s*km|km2|km²", "km2"),
    (r"square\s+miles?|sq\.?\s*mi(?:les?)?", "square mile"), (r"square\s+(?:feet|foot)|sq\.?\s*(?:ft|feet)|ft2|ft²", "square foot"), (r"square\s+(?:met(?:er|re)s?)|sq\.?\s*m|m2|m²", "m2"),
    (r"cubic\s+(?:kilomet(?:er|re)s?|km)|km3|km³", "km3"), (r"cubic\s+met(?:er|re)s?|m3|m³", "m3"), (r"cubic\s+feet", "cubic foot"),
    (r"kilomet(?:er|re)s?|kms?", "km"), (r"centimet(?:er|re)s?|cm", "cm"), (r"millimet(?:er|re)s?|mm", "mm"),
    (r"micromet(?:er|re)s?|μm|microns?", "μm"), (r"newton[-\s]met(?:er|re)s?|(?-i:Nm)", "Nm"),
    (r"nanomet(?:er|re)s?|(?-i:nm)", "nm"),
    (r"(?-i:m/s)", "m per second"), (r"met(?:er|re)s?", "m"), (r"miles?", "mile"), (r"feet|foot|ft", "foot"), (r"inch(?:es)?|″", "inch"),
    (r"yards?|yd", "yard"), (r"hectares?|ha", "hectare"), (r"acres?", "acre"),
    (r"metric\s+tons?|tonnes?|tons?", "tonne"), (r"kilogram(?:me)?s?|kilos?|kgs?", "kg"), (r"milligram(?:me)?s?|mg", "mg"),
    (r"microgram(?:me)?s?|μg|µg|mcg", "μg"), (r"gram(?:me)?s?", "g"), (r"decimet(?:er|re)s?|(?-i:dm)", "dm"),
    (r"tablespoons?|tbsp", "tablespoon"), (r"teaspoons?|tsp", "teaspoon"), (r"(?-i:cups?)", "cup"), (r"pounds?|lbs?", "pound"), (r"ounces?|oz", "ounce"),
    (r"knots?", "knot"),
    # "41 degrees C", "6 deg c", "100° Celsius", and the common misspellings
    (r"(?:degrees?|deg\.?|°)\s?(?:c|cel[cs]ius|centigrade)|cel[cs]ius|centigrade", "celsius"),
    (r"(?:degrees?|deg\.?|°)\s?(?:f|fah?renheit)|fah?renheit", "fahrenheit"),
    (r"degrees?|deg\.|deg|°", "degree"),
    (r"millilit(?:er|re)s?|ml|mL", "ml"), (r"lit(?:er|re)s?", "litre"), (r"gallons?", "gallon"),
    (r"barrels?", "barrel"),
    (r"kWh|kilowatt[-\s]hours?", "kWh"), (r"MWh|megawatt[-\s]hours?", "MWh"), (r"GWh|gigawatt[-\s]hours?", "GWh"),
    (r"TWh|terawatt[-\s]hours?", "TWh"), (r"(?-i:Wh)|watt[-\s]hours?", "Wh"), (r"megawatts?|MW", "MW"), (r"gigawatts?|GW", "GW"),
    (r"kilowatts?|kW", "kW"), (r"watts?", "W"), (r"volts?", "V"), (r"brake\s+horsepower|bhp", "bhp"), (r"horsepower|hp", "hp"), (r"(?-i:PS)", "PS"),
    (r"gigabytes?|GB", "GB"), (r"terabytes?|TB", "TB"), (r"megabytes?|MB", "MB"), (r"GHz", "GHz"),
    (r"MHz", "MHz"), (r"kHz|kilohertz", "kHz"), (r"Hz|hertz", "Hz"),
    (r"Gbps|gigabits?\s+per\s+second", "Gbps"), (r"Mbps|Mbit/s|megabits?\s+per\s+second", "Mbps"),
    (r"kbps|kbit/s|kilobits?\s+per\s+second", "kbps"), (r"mAh", "mAh"), (r"decibels?|dB", "dB"), (r"ppm", "ppm"),
    (r"ppb", "ppb"), (r"rpm", "rpm"), (r"fps|frames?\s+per\s+second", "fps"),
    # "50MP" against the digits only: "12 MP" after a space may be a member of parliament
    (r"(?<=\d)(?-i:MP)|megapixels?", "MP"), (r"(?<=\d)(?-i:cc)", "cc"),
    (r"light[-\s]years?", "light year"), (r"kelvins?", "kelvin"),
    (r"years?[-\s]old|years?\s+of\s+age|(?-i:yo|y/o)", "years old"),
    (r"months?[-\s]old|months?\s+of\s+age", "months old"),
    (r"weeks?[-\s]old|weeks?\s+of\s+age", "weeks old"), (r"days?[-\s]old|days?\s+of\s+age", "days old"),
    (r"seconds?|secs?", "second"), (r"minutes?|mins?", "minute"), (r"hours?|hrs?", "hour"),
    (r"days?", "day"), (r"weeks?", "week"), (r"months?", "month"), (r"years?|yrs?", "year"),
    (r"decades?", "decade"), (r"centuries|century", "century"),
)  # fmt: skip
_UNIT_AFTER = re.compile(
    r"(?:[ \u00a0]?|-)(?:"
    + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNIT_TABLE))
    + r")(?![\w])",
    re.IGNORECASE,
)
# Single-letter units only count when written against the number ("5m", "3t", "10W").
# "-5C", "41F": a capital C or F against the number is a temperature.
# "3x zoom", "10x faster": an x against the number is a multiplier ("4x4", "1920x1080" are not).
_UNIT_ATTACHED = re.compile(r"(?P<u>m|t|g|W|l|L|C|F|x)(?![\w])")
# "12 C", "5 W charger": a capital symbol after a space is the unit too, but never before a
# hyphen or a word character ("V-E Day", "5 Wh"); "A" is left out (it starts sentences).
# A letter after a space may also be part of a name: not before a capitalized word ("Type 2
# C Charger"), a "W" after a north/south coordinate is west ("48 N 37 E, 36 W"), and the
# extractor drops a number that follows a name or a month ("Windows 10 C drive", "May 5 C";
# ``is_spaced_symbol``).
_UNIT_SPACED_SYMBOL = re.compile(r"[ \u00a0](?P<u>W|V|C|F)(?![\w\-‑])(?![ \u00a0]+[A-Z][a-z])")
_COORDINATE_BEFORE = re.compile(r"\d[ \u00a0]?[°º]?[ \u00a0]?[NS]\b[^.;]{0,24}$")
_ATTACHED_UNITS = {
    "m": "m", "t": "tonne", "g": "g", "W": "W", "l": "litre", "L": "litre",
    "C": "celsius", "F": "fahrenheit", "V": "V", "x": "times",
}  # fmt: skip

# Rates: "$80 per barrel", "$3,500 a month", "10 tonnes per hectare" -> unit "USD per barrel".
_PER_UNITS: tuple[tuple[str, str], ...] = (
    (r"barrels?", "barrel"), (r"gallons?", "gallon"), (r"lit(?:er|re)s?", "litre"), (r"shares?", "share"),
    (r"ounces?|oz", "ounce"), (r"gram(?:me)?s?", "g"), (r"kilogram(?:me)?s?|kg|kilo", "kg"), (r"tonnes?|tons?", "tonne"),
    (r"square\s+(?:feet|foot)|sq\.?\s*ft", "square foot"), (r"square\s+met(?:er|re)s?|sq\.?\s*m|m2", "m2"),
    (r"hectares?", "hectare"), (r"person|people|head|capita", "person"), (r"kWh|kilowatt[-\s]hours?", "kWh"), (r"MWh|megawatt[-\s]hours?", "MWh"),
    (r"mm?btu|million\s+British\s+thermal\s+units?", "mmBtu"), (r"days?", "day"), (r"weeks?", "week"), (r"months?", "month"), (r"years?|annum", "year"), (r"hours?", "hour"),
    (r"nights?", "night"), (r"minutes?", "minute"), (r"seconds?|(?<=/)(?-i:s)", "second"),
    (r"milliseconds?|(?<=/)(?-i:ms)", "millisecond"),
    (r"decades?", "decade"), (r"century", "century"),
)  # fmt: skip
_PER = re.compile(
    r"(?:\s*(?:per|a|an|/)\s*|-(?:a|an|per)-)(?:"
    + "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PER_UNITS))
    + r")(?![\w])(?!\s+(?:earlier|later|ago|before|after)\b)",  # "a year earlier" is a time
    re.IGNORECASE,
)

# "400 shells a day", "12 drones per night": a count over a period, after the counted noun.
_RATE_AFTER = re.compile(
    r"[ \u00a0]+(?:(?:per|each|every)[ \u00a0]+(?P<p>day|night|week|month|year|hour|minute)\b"
    r"|an?[ \u00a0]+(?P<a>day|night|week|month|year|hour|minute)\b"
    r"(?![ \u00a0]+(?:earlier|later|ago|before|after|or)\b))",  # "a day earlier" is a time
    re.IGNORECASE,
)

TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)

_BOUNDS: tuple[tuple[str, str], ...] = (
    (r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of", "at least"),
    (
        r"(?:well\s+|just\s+)?(?:more\s+than|over|above)|in\s+excess\s+of|upwards\s+of|exceeding",
        "more than",
    ),
    (r"up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of", "up to"),
    (r"fewer\s+than|less\s+than|under|below|sub-", "less than"),  # "sub-7 nanometre chips"
    (r"almost|nearly|close\s+to|just\s+(?:under|shy\s+of)", "nearly"),
    (r"approximately|approx\.|about|around|roughly|some|an\s+estimated|circa|~|≈", "approximately"),
    (r"exactly|precisely", "exactly"),
)
_BOUND_BEFORE = re.compile(
    r"(?:^|(?<![\w]))(?:"
    + "|".join(f"(?P<b{i}>{p})" for i, (p, _) in enumerate(_BOUNDS))
    + r")[ \u00a0]*$",
    re.IGNORECASE,
)
# "minus 5", "minus-130 degrees", "$-50.8bn" (the sign between the currency and the digits).
_MINUS_BEFORE = re.compile(r"(?<![\w])minus[-\s]$", re.IGNORECASE)
# Spaces only, never a line break: a range does not run across paragraphs.
_JOINER = re.compile(r"[ \u00a0]*(?:-|–|—|to|and|or|/)[ \u00a0]*", re.IGNORECASE)
# "-5C", "−3%", "$-50.8bn": a minus sign against the digits, after a space, a bracket or a
# currency sign (not "2-2" or "F-16", where the character before the sign is a letter or digit).
_SIGNS = frozenset("-−–")  # hyphen, minus sign, and the en dash typesetters use as a minus
_BEFORE_SIGN = frozenset("([$€£¥")


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    """One number with its currency, scale and unit: "$225 million", "190 miles", "hundreds of"."""

    start: int
    end: int
    core_start: int
    core_end: int
    kind: str  # "digits" "words" "vague" "fraction" "fold" "half" "slash" "share" "sci"
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    scaled: bool = False
    base: float | None = None  # the value as written, before its scale: 4 in "4 million"


def _group_index(m: re.Match[str], prefix: str) -> int:
    return next(int(k[len(prefix) :]) for k, v in m.groupdict().items() if v is not None)


def _currency_before(text: str, start: int) -> tuple[int, str] | None:
    if _ASCII_POUND.match(text, max(0, start - 2)) and text[start - 2 : start] == "PS":
        return start - 2, "GBP"
    m = _CURRENCY_BEFORE.search(text[max(0, start - 6) : start])
    if m is None:
        return None
    unit = _CURRENCY_PREFIXES[_group_index(m, "c")][1]
    return start - (len(m.group(0))), m.group(0).strip() if unit == _ISO else unit


def _unit_after(text: str, end: int, *, money: bool) -> tuple[int, str] | None:
    if m := _UNIT_AFTER.match(text, end):
        unit = _UNIT_TABLE[_group_index(m, "u")][1]
        return m.end(), m.group(0).strip(" \u00a0-") if unit == _ISO else unit
    if not money and (m := _UNIT_ATTACHED.match(text, end)):
        return m.end(), _ATTACHED_UNITS[m.group("u")]
    if not money and (m := _METRES_SPACED.match(text, end)):
        return m.end(), "m"
    if not money and (m := _UNIT_SPACED_SYMBOL.match(text, end)):
        west = m.group("u") == "W" and _COORDINATE_BEFORE.search(text, max(0, end - 40), end)
        return None if west else (m.end(), _ATTACHED_UNITS[m.group("u")])
    return None


def is_spaced_symbol(text: str, piece: Piece) -> bool:
    """The unit of ``piece`` is a capital letter after a space ("35 C", "12 V"), which may also
    be the end of a name ("Windows 10 C drive"): the caller checks the bare number."""
    return _UNIT_SPACED_SYMBOL.fullmatch(text, piece.core_end, piece.end) is not None


def _short_scale(text: str, end: int, *, money: bool) -> tuple[int, float] | None:
    """(end, multiplier) of a short scale after digits: "5bn", "$2.7m", "8 B dollars", "1.2m tons"."""
    if (sm := _SCALE_ATTACHED.match(text, end)) or (
        money and (sm := _SCALE_ATTACHED_MONEY.match(text, end))
    ):
        return sm.end(), parse_scale(sm.group(0)) or 1
    if (sm := _SCALE_SPACED_MONEY.match(text, end)) or (sm := _SCALE_SPACED.match(text, end)):
        return sm.end(), parse_scale(sm.group(0)) or 1
    if sm := _MILLION_CODE.match(text, end):
        return sm.end(), 1e6
    if sm := _MILLIONS_BEFORE_COUNT.match(text, end):
        return sm.end(), 1e6
    if sm := _MILLIONS_BEFORE_UNIT.match(text, end):
        unit_after = _unit_after(text, sm.end(), money=False)
        if unit_after is not None and unit_after[1] not in _LENGTH_UNITS | TIME_UNITS:
            return sm.end(), 1e6
    return None


def _unit_of(
    text: str, m: re.Match[str], end: int, *, unit: str | None, scaled: bool, money: bool
) -> tuple[int, str | None]:
    """(end, unit) of the number matched by ``m`` once its currency and scale are read."""
    kind = m.lastgroup or "digits"
    if kind == "fold":
        return end, "times"
    if kind == "digits" and unit is None and (pence := _pence_after(text, m, end)) is not None:
        return pence, "pence"
    after = _unit_after(text, end, money=money)
    if after is not None and (unit is None or after[1] == "cent"):
        # "361 million pounds" is money; "500 pounds" may be a weight
        return after[0], "GBP" if after[1] == "pound" and scaled else after[1]
    if after is not None and after[1] == unit:
        return after[0], unit  # "$5 dollars" is rare, but "US$ 5 USD" happens: keep one unit
    return end, unit


def _scale_after_unit(
    text: str, end: int, *, unit: str | None, scaled: bool
) -> tuple[int, float, str | None] | None:
    """(end, multiplier, unit) of a scale read with the unit: "3.4 trillion won" (Korea's
    currency, a verb unless a scale comes before it), "75 USD million" (scale after the code)."""
    if scaled and unit is None and (won := _WON_AFTER_SCALE.match(text, end)):
        return won.end(), 1.0, "KRW"
    if (
        not scaled
        and unit in ISO_CODES
        and text[end - 3 : end] == unit
        and (late := _SCALE_AFTER_CODE.match(text, end))
    ):
        return late.end(), parse_scale(late.group(0)) or 1.0, unit
    return None


def _pence_after(text: str, m: re.Match[str], end: int) -> int | None:
    """The end of an attached "p" for pence ("245p"), else None ("1080p" is a video format)."""
    if m.group(0) in _VIDEO_LINES or end != m.end():
        return None
    pence = _PENCE_ATTACHED.match(text, end)
    return None if pence is None else pence.end()


def _minus_start(text: str, start: int, lead: int, *, signed: bool) -> int | None:
    """Where the minus sign of the number at ``start`` (its currency from ``lead``) begins:
    "-5C", "$-50.8bn" (``signed``), "-$4bn", "minus 12"; None for a positive number."""
    if signed:
        return min(lead, start - 1)
    if lead < start and _is_signed(text, lead):
        return lead - 1
    minus = _MINUS_BEFORE.search(text, max(0, lead - 7), lead)
    return None if minus is None else minus.start()


def _is_signed(text: str, start: int) -> bool:
    """A minus sign written against the number at ``start``: "-5C", " −3%", "$-50.8bn"."""
    if start == 0 or text[start - 1] not in _SIGNS:
        return False
    if start >= 3 and text[start - 2].isspace() and text[start - 3].isdigit():
        return False  # "75 -300mm": a range's dash, written loosely
    return start == 1 or text[start - 2].isspace() or text[start - 2] in _BEFORE_SIGN


def _piece(text: str, m: re.Match[str]) -> Piece | None:
    kind = m.lastgroup or "digits"
    start, end = m.start(), m.end()
    if kind == "vague":
        low_high = parse_vague(m.group(0))
        return (
            None
            if low_high is None
            else Piece(
                start=start,
                end=end,
                core_start=start,
                core_end=end,
                kind=kind,
                value=None,
                low=low_high[0],
                high=low_high[1],
            )
        )
    value = parse_number(m.group(0))
    if value is None:
        return None
    signed = kind == "digits" and _is_signed(text, start)
    currency = _currency_before(text, start - signed) if kind == "digits" else None
    unit, scaled, new_start, base = (
        (currency[1] if currency else None),
        False,
        (currency[0] if currency else start),
        value,
    )
    if (minus := _minus_start(text, start, new_start, signed=signed)) is not None:
        value, base, new_start = -value, -value, minus
    if sm := _SCALE_WORDS.match(text, end):
        value *= parse_number("1" + sm.group(0).replace("-", " ")) or 1
        end, scaled = sm.end(), True
    elif kind == "digits" and (short := _short_scale(text, end, money=currency is not None)):
        value *= short[1]
        end, scaled = short[0], True
    end, unit = _unit_of(text, m, end, unit=unit, scaled=scaled, money=currency is not None)
    if (late := _scale_after_unit(text, end, unit=unit, scaled=scaled)) is not None:
        end, multiplier, unit = late
        value, scaled = value * multiplier, True
    if unit == "USD" and (us := _US_BEFORE_RATE.match(text, end)):
        end = us.end()
    if kind == "slash" and unit is None and not text.startswith(" of ", end):
        return None  # "3/4" alone is a date or a score; "3/4 mile", "3/4 of" are shares
    if unit is not None and unit not in TIME_UNITS and (per := _PER.match(text, end)):
        unit, end = f"{unit} per {_PER_UNITS[_group_index(per, 'p')][1]}", per.end()
    if (
        kind == "words"
        and not scaled
        and (words := _WORDS_SCALE.fullmatch(m.group(0)))
        and (written := parse_number(words.group(1))) is not None
    ):
        # "five thousand" is scaled as "5 thousand" is: "four to five thousand" shares it
        scaled, base = True, written
    return Piece(
        start=new_start,
        end=end,
        core_start=m.start(),
        core_end=m.end(),
        kind=kind,
        value=value,
        unit=unit,
        scaled=scaled,
        base=base,
    )


def find_pieces(text: str) -> list[Piece]:
    """Return every number-with-unit in ``text``, in order, not overlapping."""
    pieces: list[Piece] = []
    for m in _CORE.finditer(text):
        piece = _piece(text, m)
        if piece is None or (pieces and piece.start < pieces[-1].end):
            continue
        if pieces and (whole := _with_cents(text, pieces[-1], piece)) is not None:
            pieces[-1] = whole
        else:
            pieces.append(piece)
    return pieces


# "3 dollars and 50 cents", "12 euros 99": the cents of an amount written in words after it.
_BEFORE_CENTS = re.compile(r"[ \u00a0]+(?:and[ \u00a0]+)?")
_AFTER_BARE_CENTS = re.compile(r"[ \u00a0]*(?:[.,;:!?)]|$)")
_CENTS = 100
_MONEY = ISO_CODES | set(CURRENCY_SIGNS.values()) | {code for _, code in CURRENCY_NAMES}


def _with_cents(text: str, whole: Piece, cents: Piece) -> Piece | None:
    """One amount from a currency amount and the cents written after it, else None."""
    if (
        whole.unit is None
        or whole.unit not in _MONEY
        or whole.value is None
        or cents.value is None
        or whole.scaled
        or not whole.value.is_integer()
        or not cents.value.is_integer()
        or not 0 < cents.value < _CENTS
        or _BEFORE_CENTS.fullmatch(text, whole.end, cents.start) is None
    ):
        return None
    bare = cents.unit is None and cents.core_end - cents.core_start == len("50")
    if not (cents.unit in {"cent", "pence"} or (bare and _AFTER_BARE_CENTS.match(text, cents.end))):
        return None
    sign = -1 if whole.value < 0 else 1
    return replace(whole, end=cents.end, value=whole.value + sign * cents.value / _CENTS)


def find_bound(text: str, start: int) -> tuple[int, str] | None:
    """Return (start of the bound words, normalized bound) for the words right before ``start``."""
    m = _BOUND_BEFORE.search(text[max(0, start - 30) : start])
    if m is None:
        return None
    return start - len(m.group(0)), _BOUNDS[_group_index(m, "b")][1]


def find_range_joiner(text: str, end: int, next_start: int) -> str | None:
    """Return the joiner ("-", "to", "and") when only it separates two numbers, else None."""
    m = _JOINER.fullmatch(text, end, next_start)
    return None if m is None else m.group(0).strip().lower()


def find_rate(text: str, end: int) -> str | None:
    """The period a count is taken over when it follows the counted noun ending at ``end``:
    "shells a day" -> "per day"; else None. A rate is not a total: they never agree."""
    m = _RATE_AFTER.match(text, end)
    return None if m is None else f"per {(m['p'] or m['a']).lower()}"
