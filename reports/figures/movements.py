"""Mobile members and lost contact, as the movements app's roll flags them today (`mobile_roll`: contact
overdue after the local interval, lost after six months unreached). These are standing figures: they say how
things are now, whatever period is chosen."""

from django.utils.translation import gettext_lazy

from movements.selectors import mobile_roll

from ..tree import Level
from . import Context, Table

NAMES = ("away", "contact_overdue", "lost")


def _flags(row) -> dict[str, bool]:
    return {
        "away": True,
        "contact_overdue": row.contact_overdue and not row.is_lost and not row.lost_due,
        "lost": row.is_lost or row.lost_due,
    }


def compute(level: Level, ctx: Context) -> dict:
    """Members away now, those whose contact is overdue and those lost (or due to be marked lost), per row."""
    rows = {row.key: dict.fromkeys(NAMES, 0) for row in level.rows}
    total = dict.fromkeys(NAMES, 0)
    for roll_row in mobile_roll(user=ctx.user, org=level.org, today=ctx.today):
        target = rows.get(level.key_of(roll_row.record.member.branch.path))
        for name, flagged in _flags(roll_row).items():
            if flagged:
                total[name] += 1
                if target is not None:
                    target[name] += 1
    return {"rows": rows, "total": total}


HEADERS = [
    gettext_lazy("所在党支部"),
    gettext_lazy("姓名"),
    gettext_lazy("外出日期"),
    gettext_lazy("流入地"),
    gettext_lazy("最近联系"),
    gettext_lazy("距今天数"),
    gettext_lazy("应联系日期"),
    gettext_lazy("情况"),
]


def rows(ctx: Context, org, name: str) -> Table:
    """The mobile members behind a figure of `org`."""
    found = []
    for roll_row in mobile_roll(user=ctx.user, org=org, today=ctx.today):
        if not _flags(roll_row)[name]:
            continue
        record = roll_row.record
        if roll_row.is_lost or roll_row.lost_due:
            state = gettext_lazy("失联")
        elif roll_row.contact_overdue:
            state = gettext_lazy("联系逾期")
        else:
            state = gettext_lazy("正常")
        found.append(
            [
                record.member.branch.name,
                record.member.name,
                record.left_on,
                f"{record.dest_province}{record.dest_city}",
                roll_row.last_reached,
                roll_row.days_since,
                roll_row.contact_due_on,
                str(state),
            ]
        )
    return Table(HEADERS, found)
