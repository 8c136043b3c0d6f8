"""Cards on the workbench (home page) contributed by the apps, the same way as member-page panels:
`register(HomeCard(key, template, context, order))` from an AppConfig.ready(); `context(request)` returns
the template's context or None to hide the card, with a bounded number of queries."""

from collections.abc import Callable
from dataclasses import dataclass

from .plugins import Registry


@dataclass(frozen=True)
class HomeCard:
    key: str
    template: str
    context: Callable
    order: int = 100


_CARDS = Registry()
register = _CARDS.register


def render_context(request) -> list[dict]:
    rendered = []
    for card in _CARDS.entries():
        context = card.context(request)
        if context is not None:
            rendered.append({"key": card.key, "template": card.template, **context})
    return rendered
