"""The words an annotated agenda is read by, in the six languages of the United Nations.

UN agendas are regular: the same headings, month and weekday names, ordinals and set phrases
recur from one session to the next. Keeping them here, per language, keeps the parsers free of
one document's wording. Every entry is lower case and uses the plain apostrophe.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

FR_MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
EN_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
ES_MONTHS: dict[str, int] = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
#: Russian months as dates write them (genitive: "15 октября"), the nominative too.
RU_MONTHS: dict[str, int] = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}  # fmt: skip
#: Arabic months: UN documents write both names, "آب/أغسطس"; either one is enough.
AR_MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "يناير": 1, "شباط": 2, "فبراير": 2, "آذار": 3, "مارس": 3,
    "نيسان": 4, "أبريل": 4, "أيار": 5, "مايو": 5, "حزيران": 6, "يونيه": 6, "يونيو": 6,
    "تموز": 7, "يوليه": 7, "يوليو": 7, "آب": 8, "أغسطس": 8, "أيلول": 9, "سبتمبر": 9,
    "تشرين الأول": 10, "أكتوبر": 10, "تشرين الثاني": 11, "نوفمبر": 11,
    "كانون الأول": 12, "ديسمبر": 12,
}  # fmt: skip
MONTHS: dict[str, int] = {**FR_MONTHS, **EN_MONTHS, **ES_MONTHS, **RU_MONTHS, **AR_MONTHS}

WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
    "понедельник": 0, "вторник": 1, "среда": 2, "среду": 2, "четверг": 3, "пятница": 4,
    "пятницу": 4, "суббота": 5, "субботу": 5, "воскресенье": 6,
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
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
_ES_ORDINALS = (
    "primer primero primera segundo segunda tercer tercero tercera cuarto cuarta quinto "
    "quinta sexto sexta séptimo séptima octavo octava noveno novena décimo décima"
)
_ES_VALUES = (1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10)
#: Spanish ordinal tens, without their ending: "vigésimo", "sexagésima".
ES_TENS = ("vigésim", "trigésim", "cuadragésim", "quincuagésim", "sexagésim", "septuagésim",
           "octogésim", "nonagésim")  # fmt: skip
_RU_ORDINALS = (
    "первая вторая третья четвертая четвёртая пятая шестая седьмая восьмая девятая десятая "
    "одиннадцатая двенадцатая тринадцатая четырнадцатая пятнадцатая шестнадцатая "
    "семнадцатая восемнадцатая девятнадцатая двадцатая"
)
_RU_VALUES = (1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)
_AR_ORDINALS = "الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة"
ORDINALS: dict[str, int] = {
    "premier": 1,
    "première": 1,
    "seconde": 2,
    **dict(zip(_ES_ORDINALS.split(), _ES_VALUES, strict=True)),
    **dict(zip(_RU_ORDINALS.split(), _RU_VALUES, strict=True)),
    **{word: n for n, word in enumerate(_AR_ORDINALS.split(), start=1)},
    **{f"{stem}{end}": 10 * k for k, stem in enumerate(ES_TENS, start=2) for end in "oa"},
    "العشرون": 20,
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


#: The language a tie between equally likely languages goes to.
_TIE_BREAK = frozenset({"en"})


def number(word: str) -> int | None:
    """`20`, `vingt` or `twenty` as an int; None if it is not a number."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def ordinal(word: str) -> int | None:
    """`neuvième`, `ninth` or `9th` as an int; None if it is not an ordinal."""
    word = word.strip().lower()
    match = re.fullmatch(r"(\d+)\s*(?:e|è|ème|eme|er|re|st|nd|rd|th|º|°|o|a|ª|-?я|-?й)", word)
    if match:
        return int(match.group(1))
    return ORDINALS.get(word)


#: The languages whose wording is read: the six official languages of the United Nations.
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")

# Common words that tell the Latin-script languages apart.
LANGUAGE_MARKERS: dict[str, frozenset[str]] = {
    "fr": frozenset({"le", "la", "les", "des", "du", "de", "et", "à", "sur", "pour", "dans",
                     "au", "aux", "une", "est", "sera", "qui", "ordre", "jour", "séance"}),
    "en": frozenset({"the", "of", "and", "to", "in", "on", "for", "is", "will", "be", "with",
                     "by", "at", "which", "item", "agenda", "meeting"}),
    "es": frozenset({"el", "los", "las", "del", "y", "en", "por", "para", "con", "se", "que",
                     "una", "su", "al", "será", "programa", "tema", "período", "sesiones"}),
}  # fmt: skip
_SCRIPTS = {"ar": "[\u0600-\u06ff]", "zh": "[\u4e00-\u9fff]", "ru": "[\u0400-\u04ff]"}
#: Fewer words than this cannot tell a language (noise, an empty page): English is assumed.
MIN_WORDS_FOR_LANGUAGE = 20


@dataclass(frozen=True)
class LanguageGuess:
    """The language of a text, or why none of the six was recognised.

    `lang` is None when the text is in another language; `assumed` when it is too short to
    tell and English is taken for the labels.
    """

    lang: str | None
    assumed: bool = False
    share: float = 0.0  # of words (or letters, for a script) that point to it


def guess_language(text: str) -> LanguageGuess:
    """The language of `text`: by script for Arabic, Chinese and Russian, else by common words.

    Linear in the text: one pass per script and one over its words.
    """
    sample = text[:200_000]
    letters = len(re.findall(r"[^\W\d_]", sample))
    if letters == 0:
        return LanguageGuess("en", assumed=True)
    for lang, script in _SCRIPTS.items():
        share = len(re.findall(script, sample)) / letters
        if share >= 0.3:
            return LanguageGuess(lang, share=share)
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return LanguageGuess("en", assumed=True)
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in markers) for lang, markers in LANGUAGE_MARKERS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang in _TIE_BREAK))  # ties: English
    share = scores[best] / len(words)
    if share < 0.08:
        return LanguageGuess(None, share=share)
    return LanguageGuess(best, share=share)


def chinese_number(text: str) -> int | None:
    """`二十三`, `十五`, `第九` or `23` as an int; None if it is not a number."""
    text = text.removeprefix("第").strip()
    if text.isdigit():
        return int(text)
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
    if not text or any(c not in digits and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits[c]
    return total + current


def fold(text: str) -> str:
    """Text reduced for comparisons: lower case, no accents, no punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", plain))


def _folded(*phrases: str) -> str:
    """Plain phrases as a regex alternation, folded like the lines they are matched against."""
    return "|".join(re.escape(fold(p)) for p in phrases)


# Section headings, matched against `fold`ed lines (accents and case removed).
AGENDA_HEADING = re.compile(
    r"^(?:[ivx]+ )?(ordre du jour provisoire|provisional agenda|programa provisional|"
    + _folded("предварительная повестка дня", "جدول الأعمال المؤقت", "临时议程")
    + ")$"
)
ANNOTATIONS_HEADING = re.compile(
    r"^(?:[ivx]+ )?(annotations?( (to|de) .*)?|anotaciones?( al .*)?|"
    + _folded("аннотации", "аннотации к предварительной повестке дня", "الشروح", "شروح",
              "شروح جدول الأعمال المؤقت", "议程说明", "说明")
    + ")$"
)  # fmt: skip
DOCUMENTATION_HEADING = re.compile(
    r"^(documentation|documentacion|" + _folded("документация", "الوثائق", "文件") + ")$"
)
ANNEX_HEADING = re.compile(
    r"^(annex(e)?|anexo|" + _folded("приложение", "المرفق", "附件") + r")( [ivx0-9]+| [a-z])?$"
)
# The annex's title; a bare "Organization of work" may be a heading of the annotations.
ORGANIZATION_OF_WORK = re.compile(
    r"^(projet d |proposition d )organisation des travaux$|^organisation des travaux proposee$"
    r"|^(proposed |draft |provisional )organization of work$"
    r"|^(proyecto de )?organizacion de los trabajos propuesta$"
    r"|^propuesta de organizacion de los trabajos$|^("
    + _folded("предлагаемая организация работы", "تنظيم الأعمال المقترح", "拟议工作安排")
    + ")$"
)
#: A footnote mark after a heading: "Proposed organization of work[2]", "work2", "work*".
FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])(?:\s*\[\d{1,2}\]|\d{1,2}|\s*\*{1,3})$")

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
    r"to be opened|opens on|will commence|will begin|will start|se inaugurará|se abrirá|"
    r"comenzará|dará comienzo|apertura [^.]{0,80}tendrá lugar|откроется|будет открыта|"
    r"начнется|يفتتح|ستفتتح|تفتتح|开幕)",
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
    r"adoption of its report|report of the|aprobación del informe|approbation de son rapport|"
    r"утверждение доклада|принятие доклада|اعتماد التقرير|اعتماد تقرير|通过报告|通过.*报告)",
    re.IGNORECASE,
)
#: An activity of the annex that is no agenda item: an address, statements by dignitaries, a
#: ceremony ("Address by the President of the General Assembly").
NOT_AN_ITEM = re.compile(
    r"^(?:address(?:es)? by|statements? by|message (?:by|from)|keynote|(?:opening|closing|"
    r"high-level|award) ceremony|ceremony|allocutions? d[eu']|discours d[eu']|déclarations? d[eu']"
    r"|cérémonie|discurso(?:s)? de|declaraci[óo]n(?:es)? de|ceremonia|выступлени[ея]|обращение"
    r"|церемони[яи]|كلمة|حفل|致辞|讲话|仪式)",
    re.IGNORECASE,
)
CONTINUED = re.compile(
    r"[(（](suite|continued|cont\.|continuación|continuacion|продолжение|تابع|续)[)）]", re.I
)

#: The plenary's name in every language; the French and English pair of the first drafts.
PLENARY_NAME = {"fr": "Séance plénière", "en": "Plenary"}
INFORMALS_NAME = {"fr": "Consultations informelles", "en": "Informal consultations"}
PLENARY_NAMES = {
    "ar": "الجلسة العامة", "zh": "全体会议", "en": "Plenary", "fr": "Séance plénière",
    "ru": "Пленарное заседание", "es": "Sesión plenaria",
}  # fmt: skip
INFORMALS_NAMES = {
    "ar": "مشاورات غير رسمية", "zh": "非正式协商", "en": "Informal consultations",
    "fr": "Consultations informelles", "ru": "Неофициальные консультации",
    "es": "Consultas oficiosas",
}  # fmt: skip
