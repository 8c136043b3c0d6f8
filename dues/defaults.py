"""The reference data dues ships: the national calculation of the Dues Rules (中组发〔2008〕3号) from 2008 on,
as data an administrator can change in 系统管理 「党费计算标准」 (the province sets the farmer amount,
0.20–1.00 yuan, default 0.50), or replace from a later year with a new version.

`ensure_defaults()` is the one way it gets into a database: migration 0002 calls it, and so does every
`post_migrate` (DuesConfig.ready), which Django also sends after a flush. It only creates what is missing
and never changes what exists. It runs on the models of the migration state it is given: a later migration
that changes these models must keep it working on that state, or ship its own rows."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from .rules import DEFAULT_PARAMS

NOTE = "《关于中国共产党党费收缴、使用和管理的规定》中组发〔2008〕3号"


def ensure_defaults(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    """Create the 2008 parameters with their brackets unless parameters for 2008 exist; returns how many rows
    it created. Brackets are only added with their new parameters, so brackets an administrator edited or
    removed stay that way."""
    Parameters = apps.get_model("dues", "DuesParameters")
    Bracket = apps.get_model("dues", "DuesBracket")
    params, created = Parameters.objects.using(using).get_or_create(
        year_from=DEFAULT_PARAMS.year_from,
        defaults={
            "farmer_amount": DEFAULT_PARAMS.farmer_amount,
            "minimal_amount": DEFAULT_PARAMS.minimal_amount,
            "note": NOTE,
        },
    )
    if not created:
        return 0
    brackets = [
        Bracket(parameters=params, scale=scale, upper=bracket.upper, rate=bracket.rate)
        for scale, rows in (("salaried", DEFAULT_PARAMS.salaried), ("retired", DEFAULT_PARAMS.retired))
        for bracket in rows
    ]
    Bracket.objects.using(using).bulk_create(brackets)
    return 1 + len(brackets)
