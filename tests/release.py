"""The ASTOP-V press release as published (tests/data/), and ways to read it."""

import html
import re
from pathlib import Path

from django.utils.html import strip_tags

# The source the ASTOP-V fixture is built from, byte for byte as published.
SEED = Path(__file__).resolve().parent / "data/astop-v-press-release.txt"


def seed_lines():
    """The non-blank lines of the release, stripped of indentation."""
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def squeeze(text):
    """Fold every run of white space (no-break spaces included) into one space."""
    return re.sub(r"\s+", " ", text).strip()


def sentences(line):
    """Split a line after ". ", ": " or "; " where a capital or label follows."""
    return [part for part in re.split(r"(?<=[.:])\s+(?=[A-Z(])", squeeze(line)) if part]


BLOCK_END = re.compile(r"(</(?:p|div|li|td|th|dt|dd|h[1-6]|tr|section|header)>|<br\s*/?>)")


def visible_text(markup):
    """The text a reader sees: tags dropped, blocks apart, white space folded."""
    return squeeze(html.unescape(strip_tags(BLOCK_END.sub(r"\1 ", markup))))
