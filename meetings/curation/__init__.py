"""How curators change the archive without losing anything.

- ``text``: the one definition of text the archive refuses (control characters);
- ``stale``: the stale-edit guard every curated change form carries;
- ``review``: edits of a published record that wait for a Publisher;
- ``history``: comparing versions and restoring deleted rows.
"""
