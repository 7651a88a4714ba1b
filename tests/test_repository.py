"""The repository carries what its tests and commands read: a clone with nothing beside it
passes (.ci/run proves it by testing a fresh clone in an empty folder)."""

import hashlib
from pathlib import Path

from .release import SEED

ROOT = Path(__file__).resolve().parent.parent


def test_the_press_release_the_tests_read_is_in_the_repository():
    assert SEED.is_relative_to(ROOT)
    assert SEED.is_file()


def test_the_press_release_is_kept_byte_for_byte_as_published():
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert digest == "1f08cf910ec05b705319eb4533a8c7e3c928383082bf853aaaa4071919af7805"


def test_no_code_reads_a_folder_beside_the_repository():
    """The press release used to be read from ../shared; nothing may point there again."""
    readers = [
        path
        for folder in ("meetings", "tests", "astop_site", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if path != Path(__file__).resolve() and "shared/seeds" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
