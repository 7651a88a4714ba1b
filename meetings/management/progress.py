"""A small progress line for long management commands (no extra dependency).

On a terminal the line is redrawn in place; in a log file it is written at every
tenth of the way, so a long run leaves a short, readable trace.
"""

import time


class Progress:
    def __init__(self, stdout, label, total, unit="rows"):
        self.stdout = stdout
        self.label = label
        self.total = max(int(total), 0)
        self.unit = unit
        self.done = 0
        self.started = time.monotonic()
        self.tty = stdout.isatty()
        self.next_tenth = 1

    @property
    def elapsed(self):
        return time.monotonic() - self.started

    def line(self):
        elapsed = self.elapsed
        rate = self.done / elapsed if elapsed > 0 else 0.0
        share = self.done / self.total if self.total else 1.0
        remaining = (self.total - self.done) / rate if rate else 0.0
        return (
            f"  {self.label}: {self.done:,}/{self.total:,} {self.unit} ({share:4.0%}), "
            f"{rate:,.0f}/s, {elapsed:,.0f} s elapsed, about {remaining:,.0f} s to go"
        )

    def update(self, count):
        self.done = min(self.done + count, self.total)
        if self.tty:
            self.stdout.write("\r" + self.line(), ending="")
            self.stdout.flush()
        elif self.total and self.done * 10 >= self.next_tenth * self.total:
            while self.done * 10 >= self.next_tenth * self.total:
                self.next_tenth += 1
            self.stdout.write(self.line())

    def finish(self):
        """Close the line; returns the seconds the whole run took."""
        if self.tty:
            self.stdout.write("")
        return self.elapsed
