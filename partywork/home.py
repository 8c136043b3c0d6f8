"""Cards on the workbench (home page) contributed by the apps, the same way as member-page panels:
`register(HomeCard(key, template, context, order))` from an AppConfig.ready(); `context(request)` returns
the template's context or None to hide the card, with a bounded number of queries."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeCard:
    key: str
    template: str
    context: Callable
    order: int = 100


_CARDS: dict[str, HomeCard] = {}


def register(card: HomeCard) -> None:
    _CARDS[card.key] = card


def render_context(request) -> list[dict]:
    rendered = []
    for card in sorted(_CARDS.values(), key=lambda c: (c.order, c.key)):
        context = card.context(request)
        if context is not None:
            rendered.append({"key": card.key, "template": card.template, **context})
    return rendered
