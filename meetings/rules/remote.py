"""Remote education (远程教育): the viewing rate and the seed township's monthly minimum for each site (local,
data)."""

from django.utils.translation import gettext as _


def viewing_rate(*, viewers: int, at_home: int) -> float | None:
    """Members who watched ÷ members at home (mobile members excluded by the caller), as a percentage."""
    if not at_home:
        return None
    return round(viewers * 100 / at_home, 1)


def remote_month_status(*, sessions: int, minutes: int, min_sessions: int, min_hours: int) -> tuple[bool, str]:
    """The seed township's minimum for each site: at least `min_sessions` sessions and `min_hours` hours a
    month (local, data)."""
    hours = minutes / 60
    problems = []
    if sessions < min_sessions:
        problems.append(_("播放%(n)d次，少于%(min)d次") % {"n": sessions, "min": min_sessions})
    if hours < min_hours:
        problems.append(_("播放%(h).1f小时，少于%(min)d小时") % {"h": hours, "min": min_hours})
    return (not problems, "；".join(problems))
