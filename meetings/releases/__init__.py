"""The ministry's releases, read into the archive in three steps: ``parse`` (the pasted
text to paragraphs and facts; pure, no database), then matching the names to rows of the
archive, then writing a draft. ``names`` is the table of names the parser recognises."""
