"""People: names in either order, titles, honorifics, Japanese names and readings."""

import re
from dataclasses import replace

from django.utils.translation import gettext as _

from .forms import ABBREVIATIONS, ORGANIZATION, ORGANIZATION_FORMS, _key, fold
from .records import Person
from .text import sentences

_HONORIFICS = r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.|H\.\s?E\.|(?:His|Her) Excellency|Ambassador|Amb\.)"
_HONORIFIC = rf"(?P<honorific>{_HONORIFICS}(?:\s+{_HONORIFICS})?)"  # "H.E. Mr."
_CAPS = r"[A-Z][A-Z'’-]+"
_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z][A-Z'’-]+|[A-Z]\.)"
_VERBS = (
    r"(?:who\s+)?(?:(?:will|would|then)\s+)?(?:gave|give|delivered|deliver|made|make|chaired|chair|"
    r"co-chaired|co-chair|presided|preside|led|lead|headed|head|opened|open|stated|said|"
    r"explained|expressed|welcomed|introduced|attended|attend|participated|served|presented|"
    r"spoke|noted|emphasi[sz]ed|stressed|reported|briefed|joins|joined|took|hosted|moderated|"
    r"underlined|pointed|outlined|was|were|is|are|also|has|had)\b"
)
PERSON_EN = re.compile(
    rf"(?<![\w.]){_HONORIFIC}\s+(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}}?)"
    rf"(?=[,;.]|\s+(?:of|from|and|who|{_VERBS})\b|\s*$)"
    r"(?:\s+(?:of|from)\s+(?:the\s+)?(?P<affiliation>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}))?"
    r"(?:,\s+(?P<title>[A-Z](?:[^.;]|\.(?=\S))*?))?"
    rf"(?=,?\s+{_VERBS}|,\s+and\s+(?:{_HONORIFICS}|{_CAPS}\s)|,\s+(?:at|together|as|on behalf)\b"
    r"|,\s*$|[.;]\s|[.;]?$|(?(title)(?!)|\s+(?:of|from|and)\s))"
)
# "KITAGAWA Katsuro, Director ...": a name with the family name in capitals, no honorific
PERSON_CAPS_EN = re.compile(
    rf"(?:^|(?<=\bby )|(?<=, and )|(?<=\band ))(?P<name>{_CAPS}\s+[A-Z][a-z'’-]+|"
    rf"[A-Z][a-z'’-]+\s+{_CAPS}),\s+(?P<title>[A-Z](?:[^.;]|\.(?=\S))*?)"
    rf"(?=,?\s+{_VERBS}|,\s+and\s|[.;]\s|[.;]?$)"
)
_JA_STOP = (
    r"(?=が|は|から|より|を|と|も|に|及び|並びに|の(?:開会|冒頭|挨拶|発言|司会|下)|[、，,。]|$)"
)
_READING = r"\s*[(（](?P<reading>[ぁ-ゖー]+[・･\s　][ぁ-ゖー]+)[)）]"
PERSON_JA = re.compile(
    rf"(?P<name>[一-龥々ヶ]{{2,6}}){_READING}"
    rf"(?P<title>[^、，,。がはをにと]{{0,40}}?){_JA_STOP}"
)
PERSON_KATAKANA = re.compile(
    rf"(?P<name>[ァ-ヴー]{{2,}}(?:[・＝][ァ-ヴー]{{2,}})+)(?:{_READING})?"
    r"(?P<title>[^、，,。がはをにと「」『』]{0,28}?(?:長|官|大使|代表|委員|教授|博士|大臣|総裁|員))"
    rf"{_JA_STOP}"
)
# A later, short mention: "Senior Vice-Minister KIMURA", "Director-General Tanabe".
TITLE_AND_SURNAME_EN = re.compile(
    r"\b(?:(?:Senior\s+|State\s+|Deputy\s+)?(?:Vice-)?Minister|Director(?:-General)?|"
    r"Ambassador|Chair(?:man|person)?|(?:Deputy\s+)?Secretary-General|Professor)\s+"
    r"(?P<name>[A-Z][A-Z'’-]+|[A-Z][a-z'’-]+)\b(?!\s+[A-Z])"
)
# Japanese officials of the ministry that publishes the releases: 外務副大臣, 外務省○○局長
JAPAN_TITLE_JA = re.compile(r"^外務|外務省")
JA_TITLES = (
    "共同議長|議長|大使|外務副大臣|外務大臣政務官|外務大臣|副大臣|大臣政務官|大臣|政務官|"
    "事務局長|局長|部長|審議官|課長|室長|参事官|代表|次官|事務総長"
)
SURNAME_JA = re.compile(
    rf"(?:^|(?<=[\s、，,。はがにるのでとも「『（(：:う]))(?P<name>[一-龥々]{{1,4}}?)"
    rf"(?P<title>{JA_TITLES})"
)
NOT_SURNAMES = {
    "共同",
    "副",
    "各国",
    "同",
    "本",
    "前",
    "元",
    "新",
    "現",
    "次期",
    "全体",
    "会議",
    "協議",
}
TITLE_HONORIFICS = {"Ambassador": "Ambassador", "Amb.": "Ambassador", "Prof.": "Professor"}
SPEAKING = (
    r"\b(?:gave|give|delivered|deliver|made|stated|said|explained|expressed|presented|spoke|"
    r"lectured|lecture|presentation|keynote|"
    r"noted|emphasi[sz]ed|stressed|reported|briefed|outlined|underlined|pointed)\b|"
    r"発表|説明|講演|発言|述べ|報告"
)
PRESENTING = r"\b(?:presented|presentation|lectured?|keynote)\b"
ROLE_WORDS = [
    ("co_chair", r"\bco-chair(?:ed|s)?\b|共同議長"),
    ("chair", r"\bchair(?:ed|s)?\b|\bpresid|議長"),
    ("head_of_delegation", r"\b(?:led|headed|lead|head)\b|団長"),
    ("opening_speech",
     r"\bopening\s+(?:remarks|speech|address|statement)|\bwelcom|開会挨拶|冒頭挨拶|挨拶"),
]  # fmt: skip


def read_people(release):
    """People with their titles; one entry per person, whichever order the name is in."""
    for number, paragraph in enumerate(release.paragraphs, start=1):
        if paragraph.kind not in ("body", "title"):
            continue
        text = paragraph.text
        for _start, sentence in sentence_spans(text):
            if release.source.language == "ja":
                for match in PERSON_JA.finditer(sentence):
                    add_person_ja(release, match, sentence, number, match["reading"])
                for match in PERSON_KATAKANA.finditer(sentence):
                    if _key(match["name"]) not in ORGANIZATION_FORMS:
                        add_person_ja(release, match, sentence, number, match["reading"] or "")
            else:
                for pattern in (PERSON_EN, PERSON_CAPS_EN):
                    for match in pattern.finditer(sentence):
                        add_person_en(release, match, sentence, number)
                for match in TITLE_AND_SURNAME_EN.finditer(sentence):
                    known = named_before(release, match["name"])
                    if known:
                        role = person_role(release, sentence, match.start(), match.end(), "")
                        merge_role(known, role)
    if release.source.language == "ja":
        for number, paragraph in enumerate(release.paragraphs, start=1):
            if paragraph.kind in ("body", "title"):
                for _start, sentence in sentence_spans(paragraph.text):
                    for match in SURNAME_JA.finditer(sentence):
                        add_surname_ja(release, match, sentence, number)


def sentence_spans(text):
    offset = 0
    for sentence in sentences(text):
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        yield start, sentence


def person_role(release, sentence, start, end, title):
    """From the words after the person, or before ("chaired by"), or the title itself."""
    after = sentence[end:]
    before = sentence[:start]
    verb = re.match(rf",?\s*{_VERBS}.{{0,60}}", after) or re.search(
        rf",\s+{_VERBS}.{{0,60}}", after
    )
    if release.source.language == "ja":
        # "X部長及びY局長が共同議長を務めた": the verb the two share
        verb = re.match(r"(?:(?:及び|並びに).{0,60}?[がは])?.{0,40}", after)
    for role, words in ROLE_WORDS:
        if verb and re.search(words, verb.group(), re.IGNORECASE):
            return role
    if re.search(r"\bco-chaired\s+by\b|共同議長は", before, re.I):
        return "co_chair"
    if re.search(r"\bchaired\s+by\b|\bpresided\s+over\s+by\b|議長は", before, re.I):
        return "chair"
    if re.search(r"議長を務め(?:る|た|ている)\s*$", before):
        return "chair"
    if re.search(r"(?:我が国|日本)(?:から)?は[，、,]?", before) and re.match(
        r".{0,40}?(?:出席|参加)", after
    ):
        return "head_of_delegation"  # 我が国からは，X部長が出席しました
    opening = (
        r"\bopened\s+by\b|"  # "opening remarks were delivered by X", "in his opening remarks, X"
        r"\bopening\s+(?:remarks|address|speech|statement)\b(?:[^.;]*\bby|\s*,)\s*$"
    )
    if re.search(opening, before, re.I):
        return "opening_speech"
    if re.search(r"\b(?:led|headed)\s+by\b", before, re.IGNORECASE):
        return "head_of_delegation"
    if re.search(r"\bco-chair(?:ed|s)?\b.*\bwith\b", before, re.IGNORECASE):
        return "co_chair"
    if re.search(r"^(?:chair|議長)", title, re.IGNORECASE):
        return "chair"
    if sentence == release.source.title and re.search(r"opening|開会|冒頭", sentence, re.I):
        return "opening_speech"  # the speaker of "Opening Remarks by ..."
    if verb and re.search(SPEAKING, verb.group(), re.IGNORECASE):
        return "speaker"
    # "Ms. X of the WCO and Mr. Y of the NSG made presentations": the verb they share
    joined = re.match(r"(?:\s+(?:of|from)\s+[^,;.]*?)?,?\s+and\s+(?=[A-Z])", after)
    shared = joined and re.search(rf"\s{_VERBS}.{{0,60}}", after[joined.end() :])
    if shared and re.search(SPEAKING, shared.group(), re.IGNORECASE):
        return "speaker"
    return ""  # named, with no role stated


def english_order(name):
    """ "Hitoshi KIMURA" and "KITAGAWA Katsuro" -> "Hitoshi Kimura", "Katsuro Kitagawa"."""
    words = name.split()

    def tidy(word):
        return word.capitalize() if word.isupper() and len(word) > 1 else word

    if len(words) > 1 and words[0].isupper() and len(words[0]) > 1 and not words[-1].isupper():
        words = words[1:] + words[:1]  # the family name in capitals comes first
    return " ".join(tidy(word) for word in words)


def add_person(release, person, presenting=False):
    """One entry per person: the same words in either order are one person, and a surname
    alone ("Mr. Tanabe") is the person named in full before it."""
    key = person_key(person)
    known = next((k for k in release.people if person_key(k) == key), None)
    known = known or named_before(release, person.name)
    if known is None:
        release.people.append(person)
    elif (
        known.role in ("", "speaker")
        or person.role in ("", known.role)
        or (person.role == "speaker" and not presenting)  # a chair who "stated": no other part
    ):
        merge_role(known, person.role)
    elif not any(p.name == known.name and p.role == person.role for p in release.people):
        # "In her opening remarks, Ms. Nakamura ...": another part the same person played
        release.people.append(
            replace(
                known,
                source_words=person.source_words,
                role=person.role,
                paragraph=person.paragraph,
            )
        )


def person_key(person):
    return frozenset(person.english_name.casefold().split()) or {person.name}


def named_before(release, surname):
    """The person named in full earlier whose family name (first or last, as either order
    may be written) is ``surname``; None for a name of more than one word."""
    if len(surname.split()) != 1:
        return None
    for known in release.people:
        words = known.name.casefold().split()
        if len(words) > 1 and surname.casefold() in (words[0], words[-1]):
            return known
    return None


def merge_role(known, role):
    if known.role in ("", "speaker") and role not in ("", "speaker"):
        known.role = role


def led_delegation(sentence, match):
    """ "..., led the delegation of Cambodia": the state whose delegation the person led."""
    led = re.match(
        r",?\s+(?:who\s+)?(?:led|headed|leads|heads)\s+the\s+delegation\s+of\s+[^,;.]+",
        sentence[match.end() :],
    )
    return led.group() if led else ""


def represented(*texts):
    """The slug of the first organisation the words name ("of Australia", "Ministry of
    Foreign Affairs of Japan"); None when they name none."""
    for text in texts:
        for match in ORGANIZATION.finditer(fold(text or "")):
            key = _key(match.group())
            if ABBREVIATIONS.get(key) and " ".join(match.group().split()) != ABBREVIATIONS[key]:
                continue  # "us": not the abbreviation
            return ORGANIZATION_FORMS[key].slug
    return None


def add_person_en(release, match, sentence, number):
    name = match["name"]
    if _key(name) in ORGANIZATION_FORMS or not re.search(r"[a-z]|[A-Z]{2}", name):
        return
    title = (match["title"] or "").strip().rstrip(",")
    honorific = match.groupdict().get("honorific") or ""
    affiliation = (match.groupdict().get("affiliation") or "").rstrip(".")
    if not title and honorific in TITLE_HONORIFICS:
        # "Prof. X of Tokyo University": Professor, Tokyo University; a state is who he is for
        title = TITLE_HONORIFICS[honorific]
        if affiliation and _key(affiliation) not in ORGANIZATION_FORMS:
            title = f"{title}, {affiliation}"
    words = sentence[match.start() : match.end()].rstrip(",")
    presenting = re.search(PRESENTING, sentence[match.end() : match.end() + 40])
    add_person(
        release,
        Person(
            source_words=words,
            name=name,
            english_name=english_order(name),
            title=title,
            role=person_role(release, sentence, match.start(), match.end(), title),
            paragraph=number,
            honorific=honorific,
            on_behalf_of=represented(affiliation, match["title"], led_delegation(sentence, match)),
        ),
        presenting=bool(presenting),
    )


def add_person_ja(release, match, sentence, number, reading):
    name = match["name"]
    family, _sep, given = re.split(r"[・･\s　]", reading, maxsplit=1)[0], "", ""
    if reading and not re.match(r"[ァ-ヴー]", name):
        family, given = re.split(r"[・･\s　]", reading, maxsplit=1)
        english = f"{romanise(given).capitalize()} {romanise(family).capitalize()}"
    else:
        english = ""  # a foreign name in katakana: the curator gives its spelling
    title = match["title"].strip()
    add_person(
        release,
        Person(
            source_words=sentence[match.start() : match.end()],
            name=name,
            english_name=english,
            title=title,
            role=person_role(release, sentence, match.start(), match.end(), title),
            paragraph=number,
            reading=reading,
            on_behalf_of=represented_ja(sentence[: match.start()], title),
        ),
    )


def represented_ja(before, title):
    """外務副大臣 and 外務省の局長 speak for Japan, as does 我が国からは X; else a body the
    title names (国際原子力機関保障措置局課長)."""
    if re.search(r"(?:我が国|日本)(?:から)?は[，、,]?\s*$", before):
        return "japan"
    # ノルウェーのエリク・ハウゲン外務大臣: the state named just before the person
    if (named := re.search(r"([^、。，,\s　]+)の\s*$", before)) and (body := represented(named[1])):
        return body
    if title.startswith("外務"):
        return "japan"
    # カナダ外務省…局長: the state named before the ministry
    return represented(title) or ("japan" if JAPAN_TITLE_JA.search(title) else None)


def add_surname_ja(release, match, sentence, number):
    """天野議長: the person named in full elsewhere, or a name the curator completes:
    a surname alone, or a full name (浅野勝人外務副大臣) without its reading."""
    name = match["name"]
    if name in NOT_SURNAMES or _key(name) in ORGANIZATION_FORMS:
        return
    if any(p.name.startswith(name) for p in release.people):
        return
    title = match["title"]
    release.people.append(
        Person(
            source_words=match.group(),
            name=name,
            english_name="",
            title=title,
            role=person_role(release, sentence, match.start(), match.end(), title),
            paragraph=number,
            on_behalf_of=represented_ja(sentence[: match.start()], title),
        )
    )
    if len(name) > 2:
        release.warnings.append(
            _("¶%(number)s: no reading is given for %(name)s (%(title)s): spell it in English.")
            % {"number": number, "name": name, "title": title}
        )
    else:
        release.warnings.append(
            _("¶%(number)s: only the surname of %(name)s (%(title)s) is given: complete it.")
            % {"number": number, "name": name, "title": title}
        )


# Hiragana to Hepburn, pairs with a small ya/yu/yo first.
KANA = dict(
    re.findall(
        r"(\S+)=(\S*)",
        """
        きゃ=kya きゅ=kyu きょ=kyo しゃ=sha しゅ=shu しょ=sho ちゃ=cha ちゅ=chu ちょ=cho
        にゃ=nya にゅ=nyu にょ=nyo ひゃ=hya ひゅ=hyu ひょ=hyo みゃ=mya みゅ=myu みょ=myo
        りゃ=rya りゅ=ryu りょ=ryo ぎゃ=gya ぎゅ=gyu ぎょ=gyo じゃ=ja じゅ=ju じょ=jo
        びゃ=bya びゅ=byu びょ=byo ぴゃ=pya ぴゅ=pyu ぴょ=pyo
        あ=a い=i う=u え=e お=o か=ka き=ki く=ku け=ke こ=ko さ=sa し=shi す=su せ=se そ=so
        た=ta ち=chi つ=tsu て=te と=to な=na に=ni ぬ=nu ね=ne の=no は=ha ひ=hi ふ=fu へ=he
        ほ=ho ま=ma み=mi む=mu め=me も=mo や=ya ゆ=yu よ=yo ら=ra り=ri る=ru れ=re ろ=ro
        わ=wa を=o ん=n が=ga ぎ=gi ぐ=gu げ=ge ご=go ざ=za じ=ji ず=zu ぜ=ze ぞ=zo だ=da ぢ=ji
        づ=zu で=de ど=do ば=ba び=bi ぶ=bu べ=be ぼ=bo ぱ=pa ぴ=pi ぷ=pu ぺ=pe ぽ=po ー=
        """,
    )
)


def romanise(kana):
    """Hepburn as passports write it, long vowels unmarked: かつろう -> katsuro."""
    result = ""
    index = 0
    while index < len(kana):
        if kana[index] == "っ" and index + 1 < len(kana):
            following = KANA.get(kana[index + 1 : index + 3]) or KANA.get(kana[index + 1], "")
            result += following[:1].replace("c", "t")
            index += 1
            continue
        pair = kana[index : index + 2]
        if pair in KANA:
            result += KANA[pair]
            index += 2
        else:
            result += KANA.get(kana[index], "")
            index += 1
    return re.sub(r"ou|oo|uu", lambda m: m.group()[0], result)


# Who gave a side event: "Ms. Nakamura hosted a reception", "hosted by Mr. Rowe", 中村部長主催の
GIVER_EN = re.compile(
    rf"{_HONORIFIC}\s+(?P<name>{_WORD}(?:\s+{_WORD})?)\s+(?:hosted|gave|offered)\b|"
    rf"\b(?:hosted|given|offered)\s+by\s+(?:{_HONORIFICS}\s+)?(?P<by>{_WORD}(?:\s+{_WORD})?)"
)
GIVER_JA = re.compile(rf"(?P<name>[一-龥々]{{1,6}}?)(?:{JA_TITLES})?(?:主催|共催)")


def read_side_event_hosts(release):
    """A side event given by a person the release names: that person is its host."""
    for event in release.side_events:
        if release.source.language == "ja":
            givers = [m["name"] for m in GIVER_JA.finditer(event.source_words)]
            found = [p for name in givers for p in release.people if p.name.startswith(name)]
        else:
            givers = [m["name"] or m["by"] for m in GIVER_EN.finditer(event.source_words)]
            found = [
                p
                for name in givers
                for p in release.people
                if person_key(p) == frozenset(english_order(name).casefold().split())
                or p is named_before(release, name)
            ]
        if found:
            event.host = found[0].name
