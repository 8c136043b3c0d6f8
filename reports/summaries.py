"""The county's dashboard is read from a summary table (`Summary`), kept fresh by a Celery job, nightly and on
demand; township and branch dashboards are computed on each request.

Why: at county scale (25 townships, 500 branches, 25,000 members, a year of meetings and dues) the figures take
about 15 seconds to compute (the dues of every member-month and the compliance of every branch go through the
apps' rules in memory), far too long for a page; a township's take well under a second. The page says when
its figures were computed (截至), and any user who may read the county can refresh them.

The job computes the figures exactly as a live dashboard would, through the same scoped functions, as a user
who may read the whole organisation: the one who asked, or (at night) an active account holding a role on the
organisation or above it. Each run replaces the row of its (organisation, period), so repeating it is harmless.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.models import Organization, Role
from branches.rules import OrgKind, RoleKind, permissions_for

from . import periods
from .models import Summary
from .periods import Period
from .tree import PERMISSION

SUMMARY_KINDS = (OrgKind.COUNTY,)


def uses_summary(org: Organization) -> bool:
    """Whether `org`'s dashboard is read from the summary table rather than computed per request."""
    return org.kind in SUMMARY_KINDS


# ---------------------------------------------------------------- JSON with money and dates kept exact


def freeze(value):
    """Figures as JSON: Decimals and dates are tagged so `thaw` gives them back exactly."""
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(key): freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [freeze(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # lazy translations


def thaw(value):
    if isinstance(value, dict):
        if set(value) == {"$decimal"}:
            return Decimal(value["$decimal"])
        if set(value) == {"$date"}:
            return datetime.date.fromisoformat(value["$date"])
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thaw(item) for item in value]
    return value


# ---------------------------------------------------------------- reading and refreshing


def summary_get(*, org: Organization, period: Period) -> Summary | None:
    return Summary.objects.filter(organization=org, period=period.key).first()


def summary_viewer(org: Organization):
    """An active account that may read `org`'s reports (a role on it or above it), for the nightly run."""
    holding = [kind for kind in RoleKind.values if PERMISSION in permissions_for(kind)]
    role = (
        Role.objects.filter(
            organization__path__in=[*org.ancestor_paths(), org.path],
            organization__is_active=True,
            is_active=True,
            user__is_active=True,
            kind__in=holding,
        )
        .select_related("user")
        .order_by("organization__depth", "pk")
        .first()
    )
    return role.user if role else None


def summary_refresh(*, org: Organization, period: Period, today: datetime.date, by=None) -> Summary:
    """Compute `org`'s dashboard figures for `period` as of `today` and store them, replacing the previous run.
    `by` is the user who asked (holding reports.view over `org`); without one, an account that may read it."""
    from .dashboard import compute_figures

    viewer = by or summary_viewer(org)
    if viewer is None:
        raise ValidationError(_("没有可以查看该组织统计的账号，无法生成统计。"))
    _level, figures = compute_figures(user=viewer, org=org, period=period, today=today)
    values = {"computed_on": today, "computed_at": timezone.now(), "data": freeze(figures)}
    try:
        with transaction.atomic():
            summary, _created = Summary.objects.update_or_create(organization=org, period=period.key, defaults=values)
    except IntegrityError:
        # Two runs at once: the other one created the row first; ours replaces it.
        summary = Summary.objects.get(organization=org, period=period.key)
        for field, value in values.items():
            setattr(summary, field, value)
        summary.save()
    return summary


def nightly_periods(today: datetime.date) -> list[Period]:
    """The periods kept fresh every night: the current month, quarter and year, and the one before each (late
    entries still change them)."""
    found = []
    for kind in periods.KINDS:
        period = periods.current(kind, today)
        found += [period, period.shifted(-1)]
    return found


def summaries_refresh_all(*, today: datetime.date) -> int:
    """Refresh every summary kept by the nightly job; returns how many were computed."""
    done = 0
    for org in Organization.objects.filter(kind__in=SUMMARY_KINDS, is_active=True).order_by("path"):
        if summary_viewer(org) is None:
            continue
        for period in nightly_periods(today):
            summary_refresh(org=org, period=period, today=today)
            done += 1
    return done
