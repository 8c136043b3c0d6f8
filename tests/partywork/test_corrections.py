"""Corrections of saved records: by the recorder or the township, with a reason, inside the local window
(LocalRules.correction_window_days, a local rule)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from branches.rules import RoleKind, permissions_for
from partywork.corrections import check_correction, correction_deadline

RECORDED = datetime.date(2026, 3, 1)


def _check(today, *, is_recorder=True, township=False, reason="出席人数登记错误"):
    check_correction(
        recorded_on=RECORDED,
        today=today,
        window_days=30,
        is_recorder=is_recorder,
        may_correct_below=township,
        reason=reason,
    )


def test_local_window_counts_days_from_the_recording_day():
    assert correction_deadline(recorded_on=RECORDED, window_days=30) == datetime.date(2026, 3, 31)


def test_local_window_the_day_before_the_day_and_the_day_after():
    _check(datetime.date(2026, 3, 30))
    _check(datetime.date(2026, 3, 31))
    with pytest.raises(ValidationError) as error:
        _check(datetime.date(2026, 4, 1))
    assert "2026-03-31" in str(error.value) and "乡镇党委" in str(error.value)


def test_only_the_recorder_or_the_township_corrects():
    _check(datetime.date(2026, 3, 2), is_recorder=False, township=True)
    with pytest.raises(ValidationError) as error:
        _check(datetime.date(2026, 3, 2), is_recorder=False, township=False)
    assert "登记人或乡镇党委" in str(error.value)


def test_a_correction_needs_a_reason():
    with pytest.raises(ValidationError) as error:
        _check(datetime.date(2026, 3, 2), reason="  ")
    assert "reason" in error.value.message_dict


def test_township_roles_and_the_county_may_correct_branch_roles_may_not():
    assert "records.correct" in permissions_for(RoleKind.TOWNSHIP_SECRETARY)
    assert "records.correct" in permissions_for(RoleKind.TOWNSHIP_ORGANIZER)
    assert "records.correct" in permissions_for(RoleKind.COUNTY_ADMIN)
    assert "records.correct" not in permissions_for(RoleKind.BRANCH_SECRETARY)
    assert "records.correct" not in permissions_for(RoleKind.REVIEWER)
