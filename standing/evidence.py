"""The evidence of a branch's yearly assessment: the figures other apps already compute, for the year, each
with a link to the records behind it. A higher app (reports) contributes its figures here in its
`AppConfig.ready()`, so standing never imports it.

    evidence_sources.register(EvidenceSource("reports", compute))   # compute(*, user, branch, year, today)

Each source returns a list of dicts: {"key", "label", "value", "url", "tone"}."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from partywork.plugins import Registry


@dataclass(frozen=True)
class EvidenceSource:
    key: str
    compute: Callable[..., list[dict]]
    order: int = 100


evidence_sources = Registry()


def gather(*, user, branch, year: int, today: datetime.date) -> list[dict]:
    """Every source's figures of `branch` for `year`, as of `today` (the year's end once it is over)."""
    items: list[dict] = []
    for source in evidence_sources.entries():
        items.extend(source.compute(user=user, branch=branch, year=year, today=today))
    return items
