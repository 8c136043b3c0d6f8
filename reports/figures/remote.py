"""Remote education (远程教育): sessions, hours and the viewing rate of each site and of each row over the
period, from the meetings app's monthly figures (`remote_month_figures`: distinct members who watched in the
month ÷ members at home, the local monthly minimum and its reason).

Over several months the rate is member-months: Σ monthly viewers ÷ Σ monthly members at home, so a quarter's
rate is the three monthly rates weighted by the members at home. Months after today are not counted; a month
still running is not yet judged against the minimum."""

from django.utils.translation import gettext_lazy

from meetings.rules import viewing_rate
from meetings.selectors import remote_month_figures
from partywork.dates import month_end

from ..tree import Level
from . import Context, Table


def _empty() -> dict:
    return {"sites": 0, "sessions": 0, "minutes": 0, "viewers": 0, "at_home": 0, "below": 0}


def finish(figures: dict) -> dict:
    figures["hours"] = round(figures["minutes"] / 60, 1)
    figures["rate"] = viewing_rate(viewers=figures["viewers"], at_home=figures["at_home"])
    return figures


def _months(ctx: Context):
    return [month for month in ctx.period.months() if month <= ctx.today]


def site_months(level: Level, ctx: Context):
    """(month, SiteMonth) for every site under the level's organisation and every month of the period so far:
    the meetings app's figures, a fixed number of queries per month."""
    for month in _months(ctx):
        for figure in remote_month_figures(user=ctx.user, org=level.org, month=month):
            yield month, figure


def compute(level: Level, ctx: Context) -> dict:
    """Per row, per site and in total: sites, sessions, hours, viewer-months, members-at-home-months, the rate,
    and the months a site fell below the minimum (ended months only)."""
    rows = {row.key: _empty() for row in level.rows}
    total = _empty()
    sites: dict[int, dict] = {}
    for month, figure in site_months(level, ctx):
        site = figure.site
        entry = sites.setdefault(
            site.pk,
            {"name": site.name, "branch": site.branch.display_name, "path": site.branch.path, **_empty(), "sites": 1,
             "reasons": []},
        )  # fmt: skip
        below = not figure.ok and month_end(month) < ctx.today
        if below:
            entry["reasons"].append(f"{month:%Y-%m}：{figure.reason}")
        target = rows.get(level.key_of(site.branch.path))
        for bucket in filter(None, (entry, target, total)):
            bucket["sessions"] += figure.sessions
            bucket["minutes"] += figure.minutes
            bucket["viewers"] += figure.viewers
            bucket["at_home"] += figure.at_home
            bucket["below"] += below
    for entry in sites.values():
        target = rows.get(level.key_of(entry["path"]))
        if target is not None:
            target["sites"] += 1
        total["sites"] += 1
    for figures in [*rows.values(), total, *sites.values()]:
        finish(figures)
    ordered = sorted(sites.values(), key=lambda e: (e["path"], e["name"]))
    return {"rows": rows, "total": total, "sites": ordered}


HEADERS = [
    gettext_lazy("播放点"),
    gettext_lazy("所在党支部"),
    gettext_lazy("月份"),
    gettext_lazy("播放次数"),
    gettext_lazy("播放小时"),
    gettext_lazy("收看党员"),
    gettext_lazy("在家党员"),
    gettext_lazy("收看率(%)"),
    gettext_lazy("情况"),
]


def rows(ctx: Context, level: Level, name: str) -> Table:
    """Site-months behind a figure of the level's organisation: every site-month (sessions, hours, rate), or
    only those below the minimum. Σ sessions of the rows is the sessions figure."""
    found = []
    for month, figure in site_months(level, ctx):
        below = not figure.ok and month_end(month) < ctx.today
        if name == "below" and not below:
            continue
        found.append(
            [
                figure.site.name,
                figure.site.branch.name,
                f"{month:%Y-%m}",
                figure.sessions,
                figure.hours,
                figure.viewers,
                figure.at_home,
                figure.rate if figure.rate is not None else "",
                figure.reason if below else (str(gettext_lazy("进行中")) if not figure.ok else ""),
            ]
        )
    return Table(HEADERS, found, amount_column=3 if name == "sessions" else None)
