"""The one way money is shown: `{% load dues_money %}{{ amount|yuan }}` → "1,234.50"."""

from decimal import Decimal

from django import template

from dues.rules import money

register = template.Library()


@register.filter
def yuan(value) -> str:
    """Two decimals, thousands separated, never through float; empty for None."""
    if value is None or value == "":
        return ""
    amount = money(value if isinstance(value, Decimal) else Decimal(str(value)))
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,.2f}"


@register.filter
def ym(value) -> str:
    """A dues month as 2026-03."""
    return value.strftime("%Y-%m") if value else ""
