"""Line breaks, paragraphs and sentences: the paste split so it rebuilds byte for byte."""

import bisect
import re

from .dates import is_dateline
from .forms import fold
from .records import Paragraph

# --- Line breaks and offsets ----------------------------------------------------------------


def normalise_line_breaks(text):
    """(text with LF line breaks, each line break as written, normal -> original offset)."""
    line_breaks = re.findall(r"\r\n|\r|\n", text)
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each CR LF became one character: an offset after it moves one further in the original.
    collapsed = [m.start() - i for i, m in enumerate(re.finditer(r"\r\n", text))]

    def to_original(offset):
        return offset + bisect.bisect_right(collapsed, offset - 1)

    return normal, line_breaks, to_original


# --- Paragraphs --------------------------------------------------------------------------

# White space, the byte-order mark and the zero-width space included.
SPACE_CHARACTER = re.compile("[\\s\ufeff\u200b]")
_DIGIT = "[0-9０-９]"
_BRACKETED = (
    rf"[(（](?:{_DIGIT}{{1,2}}|[a-zA-Zａ-ｚ]|[ivxIVX]{{1,4}}|[*＊]{{1,3}}|注{_DIGIT}?|[ア-ン])[)）]"
)
_MONTH_WORD = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|"
    r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*"
)
LABEL = re.compile(
    "^(?:"
    rf"(?:\d{{1,2}}\.(?!\d)|{_DIGIT}{{1,2}}．)(?:[ \u3000]*{_BRACKETED})?"  # "1." "１．" "4. (1)"
    rf"|{_BRACKETED}"  # "(1)" "（１）" "(a)" "(*)" "(iv)"
    rf"|{_DIGIT}{{1,2}}(?=\u3000|[ ]+(?!(?:{_MONTH_WORD})\b)[^\s0-9|｜])"  # "1 ", no dot
    r"|(?:[IVX]{1,4})\.(?=\s)"  # "II."
    r"|[*＊※]{1,3}|注\d?[:：]?|Notes?:"  # footnote marks
    r"|[-－–•・●○■◆◇](?=[ \u3000])"  # bullets
    ")"
    # The label ends at white space, the end of the line, or text set close to it.
    r"(?=\s|$|[^\x00-\x7f]|(?<=[)）．]))"
)
FOOTNOTE_LABEL = re.compile(r"[*＊※注]|Note")

PAGE_FURNITURE = re.compile(
    r"^[\W_]*(?:back to (?:the )?(?:index|top|page top|list|press releases?)|"
    r"(?:go to )?(?:page )?top(?: of (?:the )?page)?|return to (?:the )?top|"
    r"related (?:information|links)|print(?: this page)?|"
    r"(?:english|japanese)(?: (?:page|version))?|"
    r"press releases?|日本語|英語|報道発表|報道発表一覧|会見・発表・広報|"
    r"ページのトップへ戻る|目次へ戻る|前のページへ戻る|このページのトップへ|"
    r"\(provisional translation\)|[(（]仮訳[)）])[\W_]*$",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"^(?:[^>＞›»\n]{1,60}\s*[>＞›»]\s*){1,8}[^>＞›»\n]{0,120}$")
PDF_LINK = re.compile(
    r"[(（\[]\s*PDF[^)）\]]{0,20}[)）\]]\s*$|Adobe Acrobat Reader|Adobe Reader", re.IGNORECASE
)
# An address ends before a bracket, Japanese text or a full stop after it.
_URL = r"(?P<url>https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]*[A-Za-z0-9_/#=&%-])"
# "Original: https://...", "Source: the Ministry's website (https://...)", "出典：外務省（https://...）"
COPY_NOTE = re.compile(
    r"(?:copy of|copied from|reproduced from|original(?: page| address)?[:：]|source[:：]|"
    rf"出典[:：]|転載元?[:：]?)[^\n]{{0,60}}?{_URL}",
    re.IGNORECASE,
)
# The copy's own address: "Address of this page: https://...", "本ページのURL：https://..."
COPY_ADDRESS = re.compile(
    r"(?:(?:address|URL) of this page|this page(?:'s address)?|page address|"
    rf"(?:本|この)ページのURL)\s*[:：]\s*{_URL}",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"^(?:[(（\[【]\s*(?:photo(?:graph)?s?|写真)\s*[)）\]】]|(?:photo(?:graph)?s?|写真)\s*[:：])",
    re.IGNORECASE,
)
TABLE_ROW = re.compile(r"^[|｜]?(?:[^|｜\n]*[|｜]){2,}[^|｜\n]*$")
SENTENCE_END = re.compile(r"[.。:：;!?！？”\"」』)）]")  # the last character of a line
WRAPPED_LINE_LENGTH = 50  # a shorter unpunctuated line is a list item, not a wrapped line


def split_paragraphs(text):
    """Paragraphs of ``text`` (LF line breaks) and the white space after the last one.

    A paragraph is a non-blank line, its label apart. A label alone on its line takes the
    next line's text; a long unpunctuated body line followed directly by an unlabelled
    line was wrapped, and the two make one paragraph (the line break stays in its text).
    """
    paragraphs = []
    pending = None  # (start, end) of a label alone on its line
    previous_blank = True
    for line_start, line_end in line_spans(text):
        start, end = stripped_span(text, line_start, line_end)
        if start == end:
            previous_blank = True
            if pending:  # a label alone, then a blank line: the label is kept as text
                paragraphs.append(new_paragraph(text, pending[0], pending[0], pending[1]))
                pending = None
            continue
        content = text[start:end]
        label = LABEL.match(content) if not TABLE_ROW.match(content) else None
        label_start, label_end = start, start + label.end() if label else start
        text_start = stripped_span(text, label_end, end)[0]
        if pending:
            label_start = pending[0]
            if not label:
                label_end, text_start = pending[1], start
            pending = None
        if label and text_start == end:
            pending = (label_start, label_end)
            previous_blank = False
            continue
        last = paragraphs[-1] if paragraphs else None
        if (
            last is not None
            and len(paragraphs) > 1  # never into the title
            and label_start == label_end == start  # no label, of its own or pending
            and not previous_blank
            and last.kind == "body"
            and last.end - last.start >= WRAPPED_LINE_LENGTH
            and not SENTENCE_END.match(text[last.end - 1])
            and line_kind(content) == "body"
            and not is_dateline(fold(content))
        ):
            last.end = end  # its text is cut from the paste once all lines are read
        else:
            paragraphs.append(new_paragraph(text, label_start, label_end, end, text_start))
        previous_blank = False
    if pending:  # a label at the very end: kept as text
        paragraphs.append(new_paragraph(text, pending[0], pending[0], pending[1]))
    previous_end = 0
    for paragraph in paragraphs:
        text_start = paragraph.start + len(paragraph.label) + len(paragraph.gap)
        paragraph.text = text[text_start : paragraph.end]  # wrapped lines included
        paragraph.separator = text[previous_end : paragraph.start]
        previous_end = paragraph.end
    return paragraphs, text[previous_end:]


def line_spans(text):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def stripped_span(text, start, end):
    while start < end and SPACE_CHARACTER.match(text[start]):
        start += 1
    while end > start and SPACE_CHARACTER.match(text[end - 1]):
        end -= 1
    return start, end


def new_paragraph(text, start, label_end, end, text_start=None):
    text_start = label_end if text_start is None else text_start
    label, body = text[start:label_end], text[text_start:end]
    paragraph = Paragraph(
        label=label,
        text=body,
        kind=paragraph_kind(label, body),
        start=start,
        end=end,
        gap=text[label_end:text_start],
    )
    if paragraph.kind == "table":
        paragraph.cells = [cell.strip() for cell in re.split("[|｜]", body.strip("|｜"))]
    return paragraph


def line_kind(content):
    """The kind a line has on its own, without a label."""
    if TABLE_ROW.match(content):
        return "table"
    if CAPTION.match(content):
        return "caption"
    if is_furniture(content):
        return "other"
    return "body"


def paragraph_kind(label, text):
    if label and FOOTNOTE_LABEL.search(label):
        return "footnote"
    if label:
        return "body"
    return line_kind(text)


def is_furniture(line):
    folded = fold(line).strip()
    return bool(
        PAGE_FURNITURE.match(folded)
        or (BREADCRUMB.match(folded) and len(folded) < 200)
        or PDF_LINK.search(folded)
        or COPY_NOTE.search(folded)
        or COPY_ADDRESS.search(folded)
    )


# A full stop then space ends a sentence, but not after "Mr" or an initial ("U.S. ").
SENTENCE_BREAK = re.compile(
    r"(?<=[.。])(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bProf\.)(?<!\bH\.E\.)"
    r"(?<!\b[A-Z]\.)(?<!\bNo\.)\s*"
)


def sentences(text):
    return [s for s in SENTENCE_BREAK.split(text) if s.strip()]
