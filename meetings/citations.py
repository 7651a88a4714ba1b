"""How to cite a record: a suggested citation, BibTeX, RIS, CSL-JSON, and JSON-LD."""

import json

from .models import Meeting, Participation

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


def _paragraph_label(paragraph):
    return paragraph.label or paragraph.get_kind_display().lower()


def suggested_citation(meeting, permalink):
    """Plain text: publisher, "title", kind, date, archive, permalink (the page adds
    the access date)."""
    source = next(iter(meeting.sources.all()), None)
    if source is None:
        return f"{meeting.title} ({meeting.short_name}). ASTOP archive, {permalink}"
    return (
        f"{source.publisher.name}. “{source.title}.” {source.get_kind_display()}, "
        f"{source.published_on:%-d %B %Y}. ASTOP archive, {permalink}"
    )


def _note(source, paragraph):
    parts = []
    if paragraph is not None:
        parts.append(f"Paragraph {_paragraph_label(paragraph)}.")
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
        ("note", _bibtex_escape(_note(source, paragraph))),
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
        ("UR", permalink),
        ("Y2", accessed.strftime("%Y/%m/%d/")),
        ("N1", _note(source, paragraph)),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


def csl_item(meeting, source, paragraph, permalink, accessed):
    def date_parts(day):
        return {"date-parts": [[day.year, day.month, day.day]]}

    item = {
        "id": meeting.slug if paragraph is None else f"{meeting.slug}-p{paragraph.position}",
        "type": "report",
        "genre": source.get_kind_display(),
        "title": source.title,
        "author": [{"literal": source.publisher.name}],
        "publisher": source.publisher.name,
        "issued": date_parts(source.published_on),
        "accessed": date_parts(accessed),
        "URL": permalink,
        "language": source.language,
        "event-title": meeting.title,
        "event-date": date_parts(meeting.start_date),
        "event-place": meeting.city,
    }
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
