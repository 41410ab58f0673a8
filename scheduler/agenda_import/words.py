"""The French and English words an annotated agenda is read by.

UN agendas are regular: the same headings, month and weekday names, ordinals and set phrases
recur from one session to the next. Keeping them here, per language, keeps the parsers free of
one document's wording. Every entry is lower case and uses the plain apostrophe.
"""

from __future__ import annotations

import re
import unicodedata

FR_MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
EN_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTHS: dict[str, int] = {**FR_MONTHS, **EN_MONTHS}

WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

_FR_ORDINALS = (
    "deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième "
    "onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième "
    "dix-neuvième vingtième vingt-et-unième vingt-deuxième vingt-troisième vingt-quatrième "
    "vingt-cinquième vingt-sixième vingt-septième vingt-huitième vingt-neuvième trentième"
)
_EN_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "twenty-first twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth "
    "twenty-seventh twenty-eighth twenty-ninth thirtieth"
)
ORDINALS: dict[str, int] = {
    "premier": 1,
    "première": 1,
    "seconde": 2,
    **{word: n for n, word in enumerate(_FR_ORDINALS.split(), start=2)},
    **{word: n for n, word in enumerate(_EN_ORDINALS.split(), start=1)},
}

NUMBERS: dict[str, int] = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20,
    "vingt-quatre": 24, "trente": 30, "quarante": 40,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "forty": 40,
}  # fmt: skip


def number(word: str) -> int | None:
    """`20`, `vingt` or `twenty` as an int; None if it is not a number."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def ordinal(word: str) -> int | None:
    """`neuvième`, `ninth` or `9th` as an int; None if it is not an ordinal."""
    word = word.strip().lower()
    match = re.fullmatch(r"(\d+)\s*(?:e|è|ème|eme|er|re|st|nd|rd|th)", word)
    if match:
        return int(match.group(1))
    return ORDINALS.get(word)


# Words that tell French from English when the caller does not say.
LANGUAGE_MARKERS: dict[str, frozenset[str]] = {
    "fr": frozenset({"le", "la", "les", "des", "du", "de", "et", "à", "sur", "pour", "dans",
                     "au", "aux", "une", "est", "sera", "qui"}),
    "en": frozenset({"the", "of", "and", "to", "in", "on", "for", "is", "will", "be", "with",
                     "by", "at", "which"}),
}  # fmt: skip


def detect_language(text: str) -> str:
    """The document's language, `fr` or `en`, from the frequency of common words."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {
        lang: sum(1 for w in words if w in markers) for lang, markers in LANGUAGE_MARKERS.items()
    }
    return max(scores, key=lambda lang: (scores[lang], lang == "en"))


def fold(text: str) -> str:
    """Text reduced for comparisons: lower case, no accents, no punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


# Section headings, matched against `fold`ed lines.
AGENDA_HEADING = re.compile(r"^(ordre du jour provisoire|provisional agenda)$")
ANNOTATIONS_HEADING = re.compile(r"^annotations?( (to|de) .*)?$")
DOCUMENTATION_HEADING = re.compile(r"^documentation$")
ANNEX_HEADING = re.compile(r"^annex(e)?( [ivx0-9]+)?$")
# The annex's title; a bare "Organization of work" may be a heading of the annotations.
ORGANIZATION_OF_WORK = re.compile(
    r"^(projet d |proposition d )organisation des travaux$|^organisation des travaux proposee$"
    r"|^(proposed |draft |provisional )organization of work$"
)

# Bodies other than the plenary, as their names begin; kind as in the session file.
BODY_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"committee of the whole", "committee"),
    (r"commission plénière", "committee"),
    (r"comité plénier", "committee"),
    (r"groupe de travail", "working_group"),
    (r"groupes de travail", "working_group"),
    (r"working group", "working_group"),
    (r"working groups", "working_group"),
    (r"table ronde", "round_table"),
    (r"round table", "round_table"),
    (r"round-table", "round_table"),
    (r"committee", "committee"),
    (r"comité", "committee"),
)
INFORMAL_CONSULTATIONS = re.compile(
    r"(consultations informelles|informal consultations)", re.IGNORECASE
)

# Future forms announcing a meeting (past meetings are history, not timetable).
FUTURE_MEETING = re.compile(
    r"\b(se tiendr\w*|aur\w* lieu|se réunir\w*|siégera\w*|will be held|will meet|will take place|"
    r"will be convened|(?:is|are) scheduled|shall be held|will hold)\b",
    re.IGNORECASE,
)
OPENING = re.compile(
    r"(s'ouvrira|sera ouverte|s'ouvre|commencera|débutera|will open|will be opened|"
    r"opens on|will commence|will begin|will start)",
    re.IGNORECASE,
)
PARALLEL = re.compile(r"(parallèlement|en parallèle|in parallel|parallel to|concurrently)", re.I)
DEADLINE_MARKERS = re.compile(
    r"\b(au plus tard|avant le|jusqu'au|d'ici (?:au|le)|no later than|not later than|by|"
    r"before|until|deadline (?:for [^.]{0,40}?)?is)\b",
    re.IGNORECASE,
)
WORKING_DAYS = re.compile(
    r"\b(\w+)[\s-]+(jours ouvrables|working days|jours de travail|jours)\b", re.IGNORECASE
)
INTERPRETED_MEETINGS = re.compile(
    r"\b(\w+)\s+(séances|meetings|réunions)\s+(avec|with)\s+(?:des |les |full )?"
    r"(?:services d'|services of |)interpr",
    re.IGNORECASE,
)
WITHOUT_INTERPRETATION = re.compile(
    r"(sans (?:services d')?interprétation|without (?:simultaneous )?interpretation)", re.I
)
CLOSING_ITEM = re.compile(
    r"^(adoption du rapport|adoption of the report|approbation du rapport|"
    r"adoption of its report|report of the)",
    re.IGNORECASE,
)
CONTINUED = re.compile(r"\((suite|continued|cont\.)\)", re.IGNORECASE)

PLENARY_NAME = {"fr": "Séance plénière", "en": "Plenary"}
INFORMALS_NAME = {"fr": "Consultations informelles", "en": "Informal consultations"}
