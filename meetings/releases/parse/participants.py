"""Participants: organisations named one by one, groups, lists, counts and roles."""

import re

from django.utils.translation import gettext as _

from .. import names as table
from .forms import ABBREVIATIONS, ORGANIZATION, ORGANIZATION_FORMS, _key, fold
from .meeting import FUTURE, MEETING_CUE, SERIES_PATTERNS
from .records import Participant, ParticipantCount
from .text import sentences

ROLE_CUE = re.compile(
    r"\bco-chair|\bchaired by\b|\bco-host|議長を務め|共同議長|共催", re.IGNORECASE
)
PARTICIPATION_CUE = re.compile(
    r"\bparticipants\s+(?:included|include|were|are|will be|comprised)\b|"
    r"\b(?:officials|representatives|delegations?|delegates|experts)\s+(?:of|from)\b|"
    r"\bparticipat(?:e|es|ed|ing|ion)\b|\battend(?:s|ed|ing|ance)?\b|\btook part\b|"
    r"\btake part\b|\bjoin(?:s|ed)?\b|\brepresented\b|\bdelegations?\b|\babsent\b|"
    r"\bas (?:an? )?(?:guests?|observers?)\b|\binvited\b|\bobservers?\s+(?:from|of)\b|"
    r"参加(?![国者])|出席(?![国者])|欠席|代表団|ゲスト|オブザーバー|招待|招へい",
    re.IGNORECASE,
)
# A list after its label, on the line: "参加国：A、B、C", "出席者：A・B", run together or not.
LIST_LABEL_JA = re.compile(r"(?:参加|出席)(?:国|者)(?:・機関|・地域)*\s*[:：]\s*")
LIST_SEPARATORS = re.compile(r"[、，,・\s]|及び|並びに|と(?=[\u30a0-\u30ff\u4e00-\u9fff])")
_THE_MEETING = (
    r"(?:it|the\s+(?:meeting|talks|seminar|dialogue|session|conference|workshop|forum|"
    r"exercise))\b"
)
# "Japan hosted the PSI exercise ...", not "hosted a reception"
_HOSTED_EVENT = r"(?:the|a|an|this)\s+(?!(?:\w+\s+)?(?:reception|dinner|luncheon|lunch)\b)"
# (pattern, which side of the cue the names are on, what they get)
SEGMENTS_EN = [
    (re.compile(r"\b(?:was|were)\s+invited\s+but\s+(?:(?:was|were|did|could)\s+)?(?:absent|not)\b",
                re.I), "before", {"status": "absent"}),
    (re.compile(r"\b(?:was|were)\s+(?:absent|not represented|unable to (?:attend|participate))|"
                r"\b(?:did|could) not (?:attend|participate|take part)", re.I), "before",
     {"status": "absent"}),
    (re.compile(r"\b(?:except(?: for)?|with the exception of|excluding|other than)\s+"
                r"(?P<after>[^,;)]+)", re.I), "after", {"status": "absent"}),
    (re.compile(r"\bas (?:an? )?observers?\b", re.I), "before", {"status": "observer"}),
    (re.compile(r"\bas (?:an? )?guests?(?: speakers?)?\b", re.I), "before", {"status": "guest"}),
    (re.compile(r"\b(?:has|have|was|were)\s+(?:also\s+)?(?:been\s+)?invited\b", re.I), "before",
     {"status": "invited"}),
    (re.compile(r"\bco-chaired\s+by\s+(?P<after>.+)$", re.I), "after", {"roles": {"co_chair"}}),
    (re.compile(r"\bchaired\s+by\s+(?P<after>.+)$", re.I), "after", {"roles": {"chair"}}),
    (re.compile(r"\bco-chair(?:ed)?\s+(?:(?:it|the\s+\w+)\s+)?(?:together\s+)?with\s+(?P<after>.+)$",
                re.I), "after", {"roles": {"co_chair"}}),
    (re.compile(r"\b(?:will\s+)?co-chair(?:ed|s)?\b", re.I), "before", {"roles": {"co_chair"}}),
    (re.compile(rf"(?<!co-)\b(?:will\s+)?chair(?:ed)?\s+{_THE_MEETING}", re.I), "before",
     {"roles": {"chair"}}),
    (re.compile(r"\bhosted\s+by\s+(?P<after>[^,;]+)", re.I), "after", {"roles": {"host"}}),
    (re.compile(rf"\b(?:which\s+)?(?:will\s+)?host(?:ed|s)?\s+(?:{_THE_MEETING}|{_HOSTED_EVENT})",
                re.I), "before", {"roles": {"host"}}),
    (re.compile(r"^\s*observers?\s+(?:from|of)\s+(?P<after>.+)$", re.I), "after",
     {"status": "observer"}),
    (re.compile(r"\bwith assets\b,?\s+(?:together|along)\s+with\s+(?P<after>[^.;]+)", re.I),
     "after", {"with_assets": True}),
    (re.compile(r"\b(?:will\s+)?co-host(?:ed|s|ing)?\b(?!\s+by\b)", re.I), "before",
     {"roles": {"host"}}),
    (re.compile(r"\bfor the first time\b", re.I), "before", {"first_time": True}),
    (re.compile(r"\bwith assets\b", re.I), "before", {"with_assets": True}),
]  # fmt: skip
SEGMENTS_JA = [
    (re.compile(r"欠席|不参加|参加しなかった|参加できなかった|参加を見送"), "before",
     {"status": "absent"}),
    (re.compile(r"(?P<after>[^、，,（(]+?)を除く"), "after", {"status": "absent"}),
    (re.compile(r"オブザーバー"), "before", {"status": "observer"}),
    (re.compile(r"ゲスト"), "before", {"status": "guest"}),
    (re.compile(r"招待|招へい"), "before", {"status": "invited"}),
    (re.compile(r"共同議長"), "before", {"roles": {"co_chair"}}),
    (re.compile(r"(?<!共同)議長(?!総括|声明)"), "before", {"roles": {"chair"}}),
    (re.compile(r"主催|共催|ホスト"), "before", {"roles": {"host"}}),
    (re.compile(r"初めて|初参加"), "before", {"first_time": True}),
    (re.compile(r"アセット"), "before", {"with_assets": True}),
]  # fmt: skip
# Where a clause starts, for names "before" a cue: the sentence, or after a clause's end.
CLAUSE_START_EN = re.compile(r"[;:]\s*|\b(?:while|whereas|but)\s+")
# ... or inside a bracket the cue is in: "ラオス（ラオスは欠席）" (not "機関（IAEA）からゲスト")
CLAUSE_START_JA = re.compile(r"(?:され|し|り|て|が|なお|また|ただし)[，、,]|[（(](?=[^）)]*$)")
ROLE_AFTER = re.compile(
    r"^(?:\s*,\s*(?:which\s+was\s+|as\s+)?(?:the\s+)?|\s*[(]\s*(?:as\s+)?(?:the\s+)?)"
    r"(?P<roles>(?:host|chair|co-chair)(?:\s+country)?(?:\s*(?:and|,|/)\s*(?:the\s+)?"
    r"(?:host|chair|co-chair)(?:\s+country)?)*)\s*[)]?(?=[\s,.;)]|$)",
    re.IGNORECASE,
)
SUCH_AS = re.compile(r"^\s*,?\s*(?:such as|including|e\.g\.,?|[(（])", re.IGNORECASE)
LIST_END = re.compile(
    r"[;)）]|,\s*as well as\b|\bas well as\b|\bwill\b|\bparticipated\b|\battended\b|\bwere\b|"
    r"等|など|の(?!\w*[ァ-ヴ])",
)
COUNT_EN = re.compile(
    r"(?P<approx>\b(?i:about|approximately|around|some|nearly|almost|over|more than)\s+)?"
    r"\b(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty)\s+"
    r"(?P<what>(?:[A-Z]{2,}\s+)?(?:[a-z-]+\s+){0,2}?(?:countries|states|members|economies|"
    r"organi[sz]ations|delegations|participants|officials|people|persons|experts|"
    r"representatives)(?:\s+(?:and|or)\s+(?:[a-z-]+\s+){0,2}(?:organi[sz]ations|countries|"
    r"regions|bodies|agencies))?)\b",
)
COUNT_JA = re.compile(
    # "ARFメンバー27か国・機関": the members of a group, counted
    r"(?P<what>[A-Za-z\u30a0-\u30ff\u4e00-\u9fff]{1,15}(?:メンバー|加盟国|参加国))"
    r"(?P<count>\d+)\s*(?P<unit>か国|カ国|ヶ国|ヵ国)(?:・(?:地域|機関))*"
    # "約50名", "23のARFメンバー及び国際機関から"; not "ASEAN10か国" (a group as a whole)
    r"|(?P<approx>約|およそ)?(?<![A-Za-z\u30a0-\u30ff\d])(?P<count2>\d+)\s*"
    r"(?:(?P<unit2>名|人|か国|カ国|ヶ国|ヵ国)|の(?P<what2>[^、，,。]{1,30}?)(?:から|より|が))"
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50,
}  # fmt: skip
# A heading whose following lines list participants, one or a few a line.
OBSERVER_HEADING = re.compile(r"^(?:observers?|オブザーバー)\s*[:：]?\s*$", re.IGNORECASE)
PARTICIPANT_HEADING = re.compile(
    r"^(?:annex\s*\d*\s*[:：.]?\s*|別添\s*\d*\s*[:：]?\s*)?"
    r"(?:(?:the\s+)?list\s+of\s+(?:participants|delegations|participating\s+\w+)|participants|"
    r"participating\s+(?:countries|states|members)(?:\s+and\s+organi[sz]ations)?|delegations|"
    r"the following (?:countries|states|members|delegations)\s+(?:participated|attended|took part)|"
    r"参加国(?:・機関)?(?:一覧)?|参加者(?:一覧)?|出席国(?:一覧)?|出席者(?:一覧)?)\s*[:：]?\s*$",
    re.IGNORECASE,
)
LIST_ITEM_LABELS = re.compile(r"^(?:|[-－–•・●○■◆◇])$")  # no label, or a bullet
LIST_ITEM_LENGTH = 120  # a longer line, or a sentence, ends the list
REGION_NAMES = {
    name: region for region, names in table.REGIONS.items() for name in (region, *names)
}  # fmt: skip
REGION_LINE = re.compile(
    r"^\s*(?:[(（]\s*)?(?P<region>"
    + "|".join(re.escape(n) for n in sorted(REGION_NAMES, key=len, reverse=True))
    + r")\s*(?:[)）]|[:：])\s*(?P<list>.+)$"
)


def read_participants(release):
    """Who took part and how, sentence by sentence; counts; lists under a heading
    ("Observers:", "List of Participants"), by region or not."""
    japanese = release.source.language == "ja"
    default = "planned" if release.source.kind == "announcement" else "attended"
    listed = None  # the status of the lines listed under a heading
    for number, paragraph in enumerate(release.paragraphs, start=1):
        if paragraph.kind != "body":
            continue
        text = fold(paragraph.text)
        if OBSERVER_HEADING.match(text) or PARTICIPANT_HEADING.match(text):
            listed = "observer" if OBSERVER_HEADING.match(text) else default
            continue
        region = REGION_LINE.match(text)
        if listed and region:
            region_name = REGION_NAMES[region.group("region")]
            read_list(release, number, region.start("list"), listed, region_name)
            continue
        if (
            listed
            and LIST_ITEM_LABELS.match(paragraph.label)
            and len(text) <= LIST_ITEM_LENGTH
            and not re.search(r"[.。]\s*$", text)
        ):
            if re.search(r"[(（]", text):  # "メキシコ（メキシコは欠席）": read as a sentence
                read_sentence(release, paragraph, number, 0, text, listed, japanese, True)
            else:
                read_list(release, number, 0, listed, "")
            continue
        listed = None
        offset = 0
        for sentence in sentences(text):
            start = text.index(sentence, offset)
            offset = start + len(sentence)
            status = "planned" if FUTURE.search(sentence) else default
            read_sentence(release, paragraph, number, start, sentence, status, japanese)
    read_members_listed(release)
    read_one_host(release)


def read_co_chairs_states(release):
    """The state or body each co-chair speaks for is a co-chair (山田太郎外務省…課長及び…が
    共同議長を務めた: Japan too, though the text names only its ministry)."""
    for person in release.people:
        if person.role != "co_chair":
            continue
        for participant in release.participants:
            if participant.slug and participant.slug == person.on_behalf_of:
                participant.roles = sorted({*participant.roles, "co_chair"} - {"chair"})


def read_one_host(release):
    """Co-hosts: the archive records one host, the first named; the others are proposed as
    co-chairs, unless the text says who chaired (then what it says stands)."""
    hosts = [p for p in release.participants if "host" in p.roles]
    others = hosts[1:] + [p for p in release.participants if "co_host" in p.roles]
    chaired = any({"chair", "co_chair"} & set(p.roles) for p in release.participants)
    for other in others:
        other.roles = [role for role in other.roles if role not in ("host", "co_host")]
        if chaired:
            held = ", ".join(other.roles).replace("_", "-") or _("no role")
            release.warnings.append(
                _(
                    "co-hosted: the archive records one host; %(name)s keeps what the text "
                    "says it held (%(held)s)"
                )
                % {"name": other.name, "held": held}
            )
        else:
            other.roles = sorted({*other.roles, "co_chair"})
            release.warnings.append(
                _("co-hosted: the archive records one host; %(name)s proposed as co-chair")
                % {"name": other.name}
            )


def read_members_listed(release):
    """A group named ("the ASEAN member states") whose members the release also lists one
    by one: the members are the participants; the group keeps its words, as a group named
    as a whole."""
    for group in release.participants:
        entry = BY_SLUG.get(group.slug)
        if entry is None or entry.classification != table.REGIONAL_GROUP:
            continue
        members = [
            p
            for p in release.participants
            if group.slug in getattr(BY_SLUG.get(p.slug), "groups", ()) and not p.member_of
        ]
        if len(members) > 1:
            group.whole_group = True
            for member in members:
                member.member_of = group.slug


def read_sentence(release, paragraph, number, start, sentence, status, japanese, listed=False):
    """The organisations a sentence names and what it says of them; ``listed``: a line of
    a list under its heading, every name on it a participant."""
    label = LIST_LABEL_JA.match(sentence) if japanese else None
    cue = label or listed or PARTICIPATION_CUE.search(sentence)
    if not (cue or MEETING_CUE.search(sentence) or ROLE_CUE.search(sentence)):
        return  # a sentence about something else: what it names did not take part
    counts = read_counts(release, paragraph, number, start, sentence, japanese)
    if label:
        counts.append(label.span())  # "参加国・機関：" is no organisation's name
    found = organizations_in(release, sentence, skip=counts)
    if cue:
        unknown = unknown_organizations(release, number, sentence, found, counts, japanese)
        found = dict(sorted((found | unknown).items()))
    if label:
        flag_unknown_names(release, number, sentence, label.end(), found)
    if not found:
        return
    facts = {span: {} for span in found}
    for pattern, side, fact in SEGMENTS_JA if japanese else SEGMENTS_EN:
        for match in pattern.finditer(sentence):
            if side == "after":
                segment = (match.start("after"), match.end("after"))
            else:
                segment = (clause_start(sentence, match.start(), japanese), match.start())
                segment = bracket_after_name(sentence, segment, found)
            for span in found:
                if segment[0] <= span[0] and span[1] <= segment[1]:
                    facts[span] = merge_facts(facts[span], fact)
    # "co-hosted by A and B": A, named first, is the host; B a co-host (see read_one_host)
    hosts = [span for span in sorted(facts) if "host" in facts[span].get("roles", ())]
    for span in hosts:
        if found[span] is not found[hosts[0]]:
            roles = (facts[span]["roles"] - {"host"}) | {"co_host"}
            facts[span] = {**facts[span], "roles": roles}
    seen = {}
    for span, entry in found.items():
        fact = facts[span]
        if not fact and not cue:
            continue
        words, roles, whole = words_around(paragraph.text, start, span, entry, japanese)
        key = entry.slug or entry.name
        if key in seen and listed_together(sentence, seen[key], span, found):
            release.warnings.append(
                _("¶%(number)s: %(name)s is listed twice in one sentence (“%(words)s”): kept once.")
                % {"number": number, "name": entry.name, "words": words}
            )
        seen[key] = span
        add_participant(
            release,
            Participant(
                source_words=words,
                slug=entry.slug,
                name=entry.name,
                status=fact.get("status") or status,
                roles=sorted({*roles, *fact.get("roles", ())}),
                paragraph=number,
                whole_group=whole,
                first_time=fact.get("first_time", False),
                with_assets=fact.get("with_assets", False),
            ),
        )
    read_partial_lists(release, paragraph, start, sentence, found, japanese)


def read_presenters(release):
    """A body whose representative presents ("Ms. X of the World Customs Organization made
    a presentation") took part as a guest, when the text does not list it otherwise."""
    named = {p.slug for p in release.participants}
    for person in release.people:
        if person.role != "speaker":
            continue
        for (start, end), entry in organizations_in(release, fold(person.source_words)).items():
            if entry.classification != table.INTERNATIONAL_BODY or entry.slug in named:
                continue
            named.add(entry.slug)
            add_participant(
                release,
                Participant(
                    source_words=person.source_words[start:end],
                    slug=entry.slug,
                    name=entry.name,
                    status="guest",
                    roles=[],
                    paragraph=person.paragraph,
                ),
            )


def read_list(release, number, list_start, status, region):
    """The names on a line of a list: "Asia: Mongolia, Bangladesh", "• Australia"."""
    paragraph = release.paragraphs[number - 1]
    japanese = release.source.language == "ja"
    text = fold(paragraph.text)
    for span, entry in organizations_in(release, text[list_start:]).items():
        span = (span[0] + list_start, span[1] + list_start)
        words, roles, whole = words_around(paragraph.text, 0, span, entry, japanese)
        add_participant(
            release,
            Participant(
                source_words=words,
                slug=entry.slug,
                name=entry.name,
                status=status,
                roles=roles,
                paragraph=number,
                whole_group=whole,
                region=region,
            ),
        )


ORGANIZATION_WORDS_EN = (
    r"Organi[sz]ation|Secretariat|Agency|Office|Cent(?:re|er)|Commission|Committee|Institute|"
    r"Bank|Fund|Programme|Association|Network|Authority|Alliance|Partnership|Foundation"
)
UNKNOWN_EN = re.compile(
    r"(?<![\w'’-])(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|on|in|and|the)\s+)*){0,6}"
    rf"(?:{ORGANIZATION_WORDS_EN})\b(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*){0,4})?)"
)
UNKNOWN_JA = re.compile(
    r"(?<![\u30a0-\u30ff\u4e00-\u9fffA-Za-z])(?P<name>[\u30a0-\u30ff\u4e00-\u9fffA-Za-z・]{1,30}?"
    r"(?:機関|事務局|センター|委員会|フォーラム|基金|研究所|機構|ネットワーク|銀行|協会))"
)


# A body's name ending in another's: "... Organization of the United Nations".
OF_A_BODY = re.compile(rf"\b(?:{ORGANIZATION_WORDS_EN})\s+(?:of|for)\s+(?:the\s+)?$")


def unknown_organizations(release, number, sentence, found, skip, japanese):
    """Organisations the name table does not know, named in a list of participants:
    "the Asia Pacific Safeguards Network", "核セキュリティ支援センター"."""
    taken = [*found, *skip]
    unknown = {}
    pattern = UNKNOWN_JA if japanese else UNKNOWN_EN
    position = 0
    while match := pattern.search(sentence, position):
        span = match.span("name")
        name = match.group("name")
        position = span[1]
        overlaps = [b for a, b in taken if a < span[1] and span[0] < b]
        if overlaps:
            # "Chile and the Food and Agriculture Organization": read on after the known name
            position = max(min(overlaps), span[0] + 1)
            continue
        if _key(name) in ORGANIZATION_FORMS:
            continue
        unknown[span] = table.Name("", name, classification="")
        release.warnings.append(
            _("¶%(number)s: “%(name)s” is not in the name table: check it, and match it by hand.")
            % {"number": number, "name": name}
        )
    return unknown


def flag_unknown_names(release, number, sentence, list_start, found):
    """Words of a labelled list that are no name the table knows ("参加国：AルリタニアB"):
    the names around them are read, the words are left for the curator."""
    listed = list(sentence)
    for start, end in found:
        listed[start:end] = " " * (end - start)
    rest = re.sub(r"[（(][^）)]*[）)]|[。.]$", "", "".join(listed)[list_start:])
    for words in LIST_SEPARATORS.split(rest):
        if words and not re.fullmatch(rf"など|等|ほか|の|から|{table.GROUP_MEMBERS_JA}", words):
            release.warnings.append(
                _(
                    "¶%(number)s: “%(words)s” in the list of participants is not in the name "
                    "table: check it, and add it by hand."
                )
                % {"number": number, "words": words}
            )


def listed_together(sentence, first, second, found):
    """Whether only other names of a list stand between two mentions."""
    between = sentence[first[1] : second[0]]
    for span in sorted(found, reverse=True):
        if first[1] <= span[0] and span[1] <= second[0]:
            between = between[: span[0] - first[1]] + between[span[1] - first[1] :]
    return not re.sub(r"(?i:\band\b|\bthe\b|\bas well as\b)|[\s,、，・]|及び|並びに", "", between)


def bracket_after_name(sentence, segment, found):
    """A bracket that names no one is about the name just before it:
    "ラオス（国内事情により不参加）"."""
    start, end = segment
    if start == 0 or sentence[start - 1] not in "（(":
        return segment
    if any(start <= a and b <= end for a, b in found):
        return segment
    before = [span for span in found if span[1] == start - 1]
    return (before[0][0], end) if before else segment


def merge_facts(facts, fact):
    """A name in several segments gets each one's roles; the first status stands."""
    merged = dict(facts)
    for key, value in fact.items():
        if key == "roles":
            merged["roles"] = merged.get("roles", set()) | value
        elif key != "status" or "status" not in merged:
            merged[key] = value
    if {"chair", "co_chair"} <= merged.get("roles", set()):
        merged["roles"] = merged["roles"] - {"chair"}  # "co-chaired" also reads "chaired"
    return merged


def clause_start(sentence, cue_start, japanese):
    pattern = CLAUSE_START_JA if japanese else CLAUSE_START_EN
    starts = [m.end() for m in pattern.finditer(sentence[:cue_start])]
    return starts[-1] if starts else 0


# Words that begin with a name but are not it: インド太平洋 (Indo-Pacific), タイトル (a title).
BY_SLUG = {entry.slug: entry for entry in table.ORGANIZATIONS}
NOT_A_NAME = re.compile(r"インド太平洋|インド洋|中国地方|ギニア湾|タイ(?:トル|プ|ミング|ム)")


def organizations_in(release, sentence, skip=()):
    """{(start, end): name-table entry} for the organisations a sentence names, less those
    inside a meeting's or series' name ("Japan-Thailand Dialogue") or a count."""
    matches = list(ORGANIZATION.finditer(sentence))
    if not matches:
        return {}
    excluded = list(skip)
    for name in (release.meeting.title, release.meeting.series and release.meeting.series.name):
        if name:
            excluded += [m.span() for m in re.finditer(re.escape(fold(name)), sentence)]
    excluded += [m.span() for _s, p in SERIES_PATTERNS for m in p.finditer(sentence)]
    excluded += [m.span() for m in NOT_A_NAME.finditer(sentence)]
    found = {}
    previous = None
    for match in matches:
        if any(a <= match.start() < b for a, b in excluded):
            continue
        if re.match(r"-\s*[A-Z]", sentence[match.end() :]):  # "Japan-ASEAN ...": a name's part
            continue
        key = _key(match.group())
        if ABBREVIATIONS.get(key) and " ".join(match.group().split()) != ABBREVIATIONS[key]:
            continue  # "un", "Eu": not the abbreviation
        entry = ORGANIZATION_FORMS[key]
        if entry.classification == table.INTERNATIONAL_BODY and OF_A_BODY.search(
            sentence[: match.start()]
        ):
            continue  # "Food and Agriculture Organization of the United Nations": that body
        if (
            previous
            and previous[1] == entry
            and re.fullmatch(r"\s*[(（]\s*", sentence[previous[0][1] : match.start()])
            and re.match(r"\s*[)）]", sentence[match.end() :])
        ):
            continue  # "the European Union (EU)": one name
        found[match.span()] = entry
        previous = (match.span(), entry)
    return found


def words_around(text, offset, span, entry, japanese):
    """The words as written ("the ASEAN member countries", "Japan, the host"), the roles
    they state, and whether a group is named as a whole."""
    folded = fold(text)
    start, end = span[0] + offset, span[1] + offset
    before = re.search(r"(?i:\bthe\s+(?:(?:ten|eleven|\d+)\s+)?)$", folded[:start])
    if before and not japanese:
        start = before.start()
    whole = False
    if entry.classification == table.REGIONAL_GROUP:
        suffix = table.GROUP_MEMBERS_JA if japanese else rf"\s+{table.GROUP_MEMBERS_EN}\b"
        member_words = re.match(suffix, folded[end:], re.IGNORECASE)
        if member_words:
            end += member_words.end()
            whole = True
    abbreviation = re.match(r"\s*[(]\s*([A-Z][A-Za-z.]+)\s*[)]", folded[end:])
    if abbreviation and _key(abbreviation.group(1)) in ORGANIZATION_FORMS:
        end += abbreviation.end()
    roles = []
    stated = ROLE_AFTER.match(folded[end:])
    if stated:
        end += stated.end()
        for role in re.findall(r"co-chair|chair|host", stated.group("roles"), re.IGNORECASE):
            roles.append(role.lower().replace("-", "_"))
    return text[start:end], roles, whole


def add_participant(release, participant):
    """One entry per organisation: a second mention adds its roles and facts."""
    for known in release.participants:
        if (known.slug, known.name) == (participant.slug, participant.name):
            known.roles = sorted({*known.roles, *participant.roles})
            known.first_time = known.first_time or participant.first_time
            known.with_assets = known.with_assets or participant.with_assets
            if participant.status != known.status and participant.status in (
                "absent", "observer", "guest", "invited",
            ):  # fmt: skip
                known.status = participant.status
            return
    release.participants.append(participant)


def read_partial_lists(release, paragraph, start, sentence, found, japanese):
    """A group with "such as" / など: its list is not complete, the names are members."""
    spans = sorted(found)
    for position, span in enumerate(spans):
        group = found[span]
        if group.classification != table.REGIONAL_GROUP:
            continue
        after_group = sentence[span[1] :]
        suffix = re.match(
            table.GROUP_MEMBERS_JA if japanese else rf"\s+{table.GROUP_MEMBERS_EN}", after_group
        )
        rest_at = span[1] + (suffix.end() if suffix else 0)
        members = []
        if SUCH_AS.match(sentence[rest_at:]) and (japanese or "(" not in sentence[rest_at:][:2]):
            end = LIST_END.search(sentence, rest_at + 1)
            limit = end.start() if end else len(sentence)
            if re.search(r"を除く|\bexcept\b|\bexcluding\b", sentence[rest_at : limit + 4]):
                continue  # "(ミャンマーを除く)": named apart, not as the group's members
            members = [s for s in spans[position + 1 :] if s[1] <= limit]
            partial = bool(
                re.search(r"such as|including|e\.g\.|等|など", sentence[rest_at : limit + 2])
            )
        elif japanese:
            # インドネシア，マレーシア等のASEAN諸国: the members come first
            head = re.search(r"(?:等|など)の\s*$", sentence[: span[0]])
            if not head:
                continue
            members = [s for s in spans[:position] if found[s].classification == table.COUNTRY]
            partial = True
        else:
            continue
        members = [s for s in members if group.slug in found[s].groups]
        if not members:
            continue
        for participant in release.participants:
            if participant.slug == group.slug:
                participant.list_complete = not partial
                participant.whole_group = True
            if participant.slug in {found[s].slug for s in members}:
                participant.member_of = group.slug


def read_counts(release, paragraph, number, start, sentence, japanese):
    """Participants given as numbers; returns the spans they take."""
    if not PARTICIPATION_CUE.search(sentence):
        return []
    spans = []
    for match in (COUNT_JA if japanese else COUNT_EN).finditer(sentence):
        if re.search(r"(?i:\bthe\s+)$", sentence[: match.start()]):
            continue  # "the ten ASEAN member states": the group as a whole, not a count
        parts = match.groupdict()
        count = parts["count"] or parts.get("count2")
        value = int(count) if count.isdigit() else NUMBER_WORDS[count.lower()]
        what = parts["what"] or parts.get("what2") or ""
        if japanese and not what:
            what = "people" if parts["unit2"] in ("名", "人") else "countries"
        release.participant_counts.append(
            ParticipantCount(
                count=value,
                what=what.strip(),
                approximate=bool(match.group("approx")),
                source_words=paragraph.text[start + match.start() : start + match.end()].strip(),
                paragraph=number,
            )
        )
        spans.append(match.span())
    return spans
