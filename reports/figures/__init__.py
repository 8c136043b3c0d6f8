"""The dashboard's figures, one module per area. Each area computes its figures for every row of a `Level`
(reports/tree.py) in a fixed number of queries, from the apps' own selectors and rules where they have them,
and says for each figure which records lie behind it (`reports/drill.py`).

Every function takes the `Context`: who asks, the period, and "today" as the view read it."""

import datetime
from dataclasses import dataclass

from ..periods import Period


@dataclass(frozen=True)
class Context:
    user: object
    period: Period
    today: datetime.date

    @property
    def as_of(self) -> datetime.date:
        """The day the period's standing figures are taken: its last day, or today while it runs."""
        return self.period.as_of(self.today)

    @property
    def started(self) -> bool:
        return self.period.start <= self.today


@dataclass(frozen=True)
class Table:
    """The records behind a figure: headers and rows, ready for the page and the workbook. `amount_column`
    names the column whose sum is the figure (money figures); otherwise the figure is the number of rows."""

    headers: list
    rows: list
    amount_column: int | None = None


def add_into(target: dict, source: dict) -> dict:
    """Add the numbers of `source` into `target` (nested dicts and lists of numbers too)."""
    for name, value in source.items():
        if isinstance(value, dict):
            add_into(target.setdefault(name, {}), value)
        elif isinstance(value, list):
            current = target.setdefault(name, [0] * len(value))
            for index, item in enumerate(value):
                current[index] += item
        elif isinstance(value, int | float) or hasattr(value, "quantize"):
            target[name] = target.get(name, 0) + value
    return target
