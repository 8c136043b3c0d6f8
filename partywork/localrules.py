"""The county's local rules, read through one function. Every app that decides something by a local rule
(how long a transfer letter is valid, when to remind, how long a record may be corrected) asks here for
the version in force on the day it decides about."""

import datetime

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

# The version shipped with the product: the defaults of DOMAIN.md ([local]) and of the seed township.
SHIPPED_FROM = datetime.date(2018, 1, 1)
SHIPPED_BASIS = "系统默认值（DOMAIN 本地规则默认值，参照红岭乡做法），县委组织部可在系统管理中修改或新增版本"


def local_rules(*, on: datetime.date):
    """The version in force on `on`: the latest taking effect on or before it. Before any version (or in a
    database without one) the shipped defaults apply, unsaved. One query."""
    from .models import LocalRules

    return LocalRules.objects.filter(effective_from__lte=on).order_by("-effective_from").first() or LocalRules(
        effective_from=SHIPPED_FROM, basis=SHIPPED_BASIS
    )


def ensure_defaults(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    """Ship the default version when the county has none; an administrator's versions are never touched
    (not even re-created after they deleted the shipped one and added their own)."""
    LocalRules = apps.get_model("partywork", "LocalRules")
    if LocalRules.objects.using(using).exists():
        return 0
    LocalRules.objects.using(using).create(effective_from=SHIPPED_FROM, basis=SHIPPED_BASIS)
    return 1
