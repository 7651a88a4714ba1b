"""How to cite a record: formatted citations (CSL styles in csl/), reference-manager
meta tags, BibTeX, RIS, CSL-JSON, and JSON-LD."""

import datetime
import html
import json
import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import citeproc
from citeproc.source.json import CiteProcJSON
from django.utils import timezone
from django.utils.safestring import mark_safe

from .models import Meeting, Participation

ARCHIVE = "ASTOP archive"
CSL_DIR = Path(__file__).resolve().parent / "csl"
# Style file in csl/: the name readers know the style by, in the order shown.
STYLES = {"chicago": "Chicago", "apa": "APA", "mla": "MLA", "harvard": "Harvard"}
# The CSL variables those styles print (citeproc-py warns about ones it does not know).
STYLED_VARIABLES = ("id", "type", "author", "title", "genre", "issued", "archive", "URL")

# Format (the URL's extension): content type.
FORMATS = {
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}
ATTENDANCE_MODES = {
    Meeting.Format.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Meeting.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


# A label that numbers a paragraph ("1.", "4. (1)", "１．"): cited as "para. 1", "para. 4 (1)".
NUMBERED = re.compile(r"(\d+)[.．]?\s*(.*)")
# Stand for a paragraph's locator and address in its source's note, rendered once.
LOCATOR_MARK, ADDRESS_MARK = "LOCATORMARK", "ADDRESSMARK"


def locator(paragraph):
    """Where a paragraph is, in the one numbering the page, the downloads and the formatted
    note share: its own label as printed ("para. 1" for "1.", "(2)"), or ¶ and its position
    in the source when it has none ("¶10")."""
    label = paragraph.label.strip()
    if not label:
        return f"¶{paragraph.position}"
    numbered = NUMBERED.fullmatch(label)
    if numbered:
        return " ".join(["para.", *filter(None, numbered.groups())])
    return label


@dataclass(frozen=True)
class ParagraphCitation:
    """What a paragraph's "Cite" control shows: its locator and the Chicago note (HTML)
    with its locator and address."""

    locator: str
    note: str


@dataclass(frozen=True)
class Citation:
    """How to cite a meeting page, kept with its rendered record: the CSL item of its
    release (of the record itself when it has no source) and the reference-manager
    meta tags. The access date is added whenever the page is rendered."""

    item: dict
    meta_tags: tuple  # (name, content) pairs

    def formatted(self):
        """(style name, HTML) in each style of STYLES, accessed today."""
        return formatted(json.dumps(self.item, sort_keys=True), timezone.localdate())


def suggested_citation(meeting, permalink):
    """The page's Citation, from the prefetched record; each prefetched paragraph gets its
    own (``paragraph.citation``, a ParagraphCitation) for its "Cite" control."""
    for document in meeting.sources.all():
        note = paragraph_note(json.dumps(csl_item(meeting, document, None, permalink)))
        for paragraph in document.paragraphs.all():
            cited = locator(paragraph)
            address = f"{permalink}#{paragraph.anchor}"
            paragraph.citation = ParagraphCitation(
                locator=cited,
                note=mark_safe(
                    note.replace(LOCATOR_MARK, html.escape(cited)).replace(
                        ADDRESS_MARK, html.escape(address)
                    )
                ),
            )
    source = next(iter(meeting.sources.all()), None)
    if source is None:
        item = {
            "id": meeting.slug,
            "type": "webpage",
            "title": meeting.title,
            "archive": ARCHIVE,
            "URL": permalink,
        }
        tags = [("citation_title", meeting.title), ("citation_publisher", ARCHIVE)]
    else:
        item = csl_item(meeting, source, None, permalink)
        tags = [
            ("citation_title", source.title),
            ("citation_author", source.publisher.name),
            ("citation_publisher", source.publisher.name),
            # Reference managers file the release as a report of this institution.
            ("citation_technical_report_institution", source.publisher.name),
            ("citation_publication_date", f"{source.published_on:%Y/%m/%d}"),
            ("citation_language", source.language),
        ]
    tags += [
        ("citation_public_url", permalink),
        ("citation_abstract_html_url", permalink),
        ("citation_fulltext_html_url", permalink),
    ]
    return Citation(item=item, meta_tags=tuple(tags))


# A parsed style keeps state while it renders: one rendering at a time per process.
_styles_in_use = threading.Lock()


@lru_cache(maxsize=16)
def _style(name):
    return citeproc.CitationStylesStyle(str(CSL_DIR / f"{name}.csl"), validate=True)


@lru_cache(maxsize=256)  # citeproc takes about 5 ms a style: once per record and day
def formatted(item_json, accessed):
    # citeproc-py escapes the style's own text but not the item's: escape it first.
    item = {
        name: _escaped(value)
        for name, value in json.loads(item_json).items()
        if name in STYLED_VARIABLES
    }
    item["accessed"] = _date_parts(accessed)
    styles = []
    with _styles_in_use:
        for name, label in STYLES.items():
            bibliography = citeproc.CitationStylesBibliography(
                _style(name), CiteProcJSON([item]), citeproc.formatter.html
            )
            bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
            styles.append((label, mark_safe(str(bibliography.bibliography()[0]))))
    return tuple(styles)


@lru_cache(maxsize=256)
def paragraph_note(item_json):
    """The Chicago note citing one paragraph of a source (CSL item as JSON), with
    LOCATOR_MARK and ADDRESS_MARK where each paragraph's locator and address go: one
    rendering per source, not one per paragraph (citeproc takes about 5 ms)."""
    item = {
        name: _escaped(value)
        for name, value in json.loads(item_json).items()
        if name in STYLED_VARIABLES
    }
    item["URL"] = ADDRESS_MARK
    cite = citeproc.Citation(
        [citeproc.CitationItem(item["id"], locator=citeproc.Locator("paragraph", LOCATOR_MARK))]
    )
    with _styles_in_use:
        bibliography = citeproc.CitationStylesBibliography(
            _style("chicago"), CiteProcJSON([item]), citeproc.formatter.html
        )
        bibliography.register(cite)
        return str(bibliography.cite(cite, lambda item: None))


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(part) for part in value]
    if isinstance(value, dict):
        return {name: _escaped(part) for name, part in value.items()}
    return value


def seconds_until_tomorrow(now=None):
    """How long a page that shows today's access date stays right: its max-age."""
    now = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return max(1, math.ceil((midnight - now).total_seconds()))


def _date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def _note(source, paragraph):
    """Which paragraph, and where the release was first published."""
    parts = []
    if paragraph is not None:
        parts.append(f"Cited at {locator(paragraph)}.")
    if source.original_url:
        parts.append(f"Original: {source.original_url}")
    return " ".join(parts)


def _bibtex_escape(text):
    for char in "\\{}&%$#_":
        text = text.replace(char, "\\" + char)
    return text


def to_bibtex(meeting, source, paragraph, permalink, accessed):
    key = f"{meeting.slug}-{source.published_on.year}"
    if paragraph is not None:
        key += f"-p{paragraph.position}"
    fields = [
        ("author", "{" + _bibtex_escape(source.publisher.name) + "}"),
        ("title", "{" + _bibtex_escape(source.title) + "}"),
        ("howpublished", _bibtex_escape(source.get_kind_display())),
        ("year", str(source.published_on.year)),
        ("month", source.published_on.strftime("%b").lower()),
        ("day", str(source.published_on.day)),
        ("url", permalink),
        ("urldate", accessed.isoformat()),
        ("note", _bibtex_escape(" ".join([f"{ARCHIVE}.", _note(source, paragraph)]).strip())),
    ]
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
        if value
    )
    return f"@misc{{{key},\n{body}\n}}\n"


def to_ris(meeting, source, paragraph, permalink, accessed):
    day = source.published_on.strftime("%Y/%m/%d/")
    lines = [
        ("TY", "PRESS" if source.kind == source.Kind.PRESS_RELEASE else "GEN"),
        ("AU", source.publisher.name),
        ("TI", source.title),
        ("PY", day),
        ("DA", day),
        ("PB", source.publisher.name),
        ("LA", source.language),
        ("DB", ARCHIVE),
        ("UR", permalink),
        ("Y2", accessed.strftime("%Y/%m/%d/")),
        ("N1", _note(source, paragraph)),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


def csl_item(meeting, source, paragraph, permalink, accessed=None):
    item = {
        "id": meeting.slug if paragraph is None else f"{meeting.slug}-p{paragraph.position}",
        "type": "report",
        "genre": source.get_kind_display(),
        "title": source.title,
        "author": [{"literal": source.publisher.name}],
        "publisher": source.publisher.name,
        "issued": _date_parts(source.published_on),
        "URL": permalink,
        "archive": ARCHIVE,
        "language": source.language,
        "event-title": meeting.title,
        "event-date": _date_parts(meeting.start_date),
        "event-place": meeting.city,
    }
    if paragraph is not None:
        item["locator"] = locator(paragraph)
    if accessed is not None:
        item["accessed"] = _date_parts(accessed)
    note = _note(source, paragraph)
    if note:
        item["note"] = note
    return item


def to_csl_json(*args):
    return json.dumps([csl_item(*args)], ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json}


def render(fmt, meeting, source, paragraph, permalink, accessed):
    """(content type, body) of the citation in ``fmt``."""
    return FORMATS[fmt], RENDERERS[fmt](meeting, source, paragraph, permalink, accessed)


def event_json_ld(meeting, permalink, request):
    """schema.org Event for the meeting page, from the prefetched record."""
    organizer = meeting.convener or meeting.host
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": permalink,
        "url": permalink,
        "name": meeting.title,
        "alternateName": meeting.short_name,
        "startDate": meeting.start_date.isoformat(),
        "endDate": meeting.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(
            meeting.format, "https://schema.org/OfflineEventAttendanceMode"
        ),
        "location": {
            "@type": "Place",
            "name": meeting.venue_name,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": meeting.city,
                "addressCountry": meeting.country.iso_code if meeting.country else "",
            },
        },
        "attendee": [
            {
                "@type": "Country"
                if participation.organization.classification == "country"
                else "Organization",
                "name": participation.organization.name,
                "url": request.build_absolute_uri(participation.organization.get_absolute_url()),
            }
            for participation in meeting.participations.all()
            # Absent, invited and planned participants did not attend.
            if participation.status in Participation.PRESENT
        ],
    }
    if meeting.series:  # a one-off meeting belongs to no series
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": meeting.series.name,
            "alternateName": meeting.series.short_name,
            "url": request.build_absolute_uri(meeting.series.get_absolute_url()),
        }
    if meeting.summary:
        data["description"] = meeting.summary
    if organizer is not None:
        data["organizer"] = {
            "@type": "Organization",
            "name": organizer.name,
            "url": request.build_absolute_uri(organizer.get_absolute_url()),
        }
    return data
