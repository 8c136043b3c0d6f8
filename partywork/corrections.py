"""Correcting a saved record (issue: a meeting record, its attendance grid, a recorded recruitment step).

Who and until when is one rule for every app: the person who recorded it, or the township above
(permission `records.correct`), within the county's correction window (local rule
`LocalRules.correction_window_days`, counted in days from the day it was recorded), always with a reason.
The history (django-simple-history) keeps the original values and who changed them; the app's service
saves the correction through `branches.audit.audited(instance, by, reason=...)`."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def correction_deadline(*, recorded_on: datetime.date, window_days: int) -> datetime.date:
    """The last day a record may be corrected: the day it was recorded counts as day 0."""
    return recorded_on + datetime.timedelta(days=window_days)


def check_correction(
    *,
    recorded_on: datetime.date,
    today: datetime.date,
    window_days: int,
    is_recorder: bool,
    may_correct_below: bool,
    reason: str,
) -> None:
    """Refuse a correction that comes too late, from someone else, or without a reason; every refusal says
    what to do instead. Pure: the caller loads the facts (who recorded, when, the local rule in force)."""
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors.setdefault("reason", []).append(_("请填写更正原因：更正会连同原因和原值记入变更记录"))
    if not (is_recorder or may_correct_below):
        errors.setdefault("__all__", []).append(
            _("只有登记人或乡镇党委可以更正这条记录，请联系登记人或乡镇党委组织委员")
        )
    deadline = correction_deadline(recorded_on=recorded_on, window_days=window_days)
    if today > deadline:
        errors.setdefault("__all__", []).append(
            _(
                "这条记录登记于 %(recorded)s，更正期限（%(days)s 天）已于 %(deadline)s 届满；"
                "如确需更正，请报乡镇党委另行登记更正说明"
            )
            % {"recorded": recorded_on.isoformat(), "days": window_days, "deadline": deadline.isoformat()}
        )
    if errors:
        raise ValidationError(errors)
