"""Panels on the member's page contributed by apps above `members` (meetings attended, dues card,
recruitment record). `members` never imports them: they register here in their AppConfig.ready().

A panel is a function (request, member) -> dict | None returning template context, plus a template name;
None hides the panel (for example when the user lacks that app's view permission). Each panel must run a
bounded number of queries. The member page draws the card and its title; a panel template renders only
the card's inside (a list group, a card-body, actions on top), reading its context as `panel.<name>`."""

from collections.abc import Callable
from dataclasses import dataclass

from partywork.plugins import Registry


@dataclass(frozen=True)
class MemberPanel:
    key: str
    title: str
    template: str
    context: Callable
    order: int = 100


_PANELS = Registry()
register = _PANELS.register


def panels() -> list[MemberPanel]:
    return _PANELS.entries()


def render_context(request, member) -> list[dict]:
    """What the member page loops over: [{"title", "template", **context}] for every visible panel."""
    rendered = []
    for panel in panels():
        context = panel.context(request, member)
        if context is not None:
            rendered.append({"key": panel.key, "title": panel.title, "template": panel.template, **context})
    return rendered
