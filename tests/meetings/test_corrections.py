"""Correcting a saved record and its attendance grid (issue 10 item 15): the recorder or the township, with a
reason, inside the local correction window (LocalRules.correction_window_days, default 30 days from the day of
entry); the history keeps the original values and who changed them; nothing is silently overwritten."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from branches.rules import RoleKind
from meetings import selectors, services
from meetings.models import Meeting
from meetings.rules import Attendance
from tests.factories import RoleFactory, UserFactory
from tests.meetings import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def record(world, branch_secretary):
    roll = f.members(world.b1, 5)
    meeting = f.meeting(
        world.b1,
        branch_secretary,
        kinds=["general"],
        held_on=timezone.localdate(),
        absent=[roll[0]],
    )
    return meeting, roll


@pytest.mark.parametrize("days,allowed", [(29, True), (30, True), (31, False)])
def test_the_recorder_corrects_within_the_local_window(record, branch_secretary, days, allowed):
    """Local rule LocalRules.correction_window_days (30): the day of entry is day 0, day 30 is the last."""
    meeting, _roll = record
    today = timezone.localdate(meeting.entered_at) + datetime.timedelta(days=days)
    if not allowed:
        with pytest.raises(ValidationError, match="更正期限（30 天）已于"):
            services.meeting_correct(
                meeting=meeting, by=branch_secretary, reason="笔误", today=today, place="党员活动室"
            )
        assert Meeting.objects.get(pk=meeting.pk).place == "村委会会议室", "nothing changed"
        return
    services.meeting_correct(meeting=meeting, by=branch_secretary, reason="地点笔误", today=today, place="党员活动室")
    latest, original = Meeting.history.filter(id=meeting.pk).order_by("-history_id")[:2]
    assert (original.place, latest.place) == ("村委会会议室", "党员活动室"), "the original value is kept"
    assert (latest.history_user, latest.history_change_reason) == (branch_secretary, "更正：地点笔误")


def test_a_correction_needs_a_reason_and_a_change(record, branch_secretary):
    meeting, _roll = record
    with pytest.raises(ValidationError) as error:
        services.meeting_correct(meeting=meeting, by=branch_secretary, reason=" ", place="党员活动室")
    assert error.value.message_dict["reason"] == ["请填写更正原因：更正会连同原因和原值记入变更记录"]
    with pytest.raises(ValidationError, match="没有修改任何内容"):
        services.meeting_correct(meeting=meeting, by=branch_secretary, reason="核对", place="村委会会议室")
    assert Meeting.history.filter(id=meeting.pk).count() == 1


def test_only_the_recorder_or_the_township_may_correct(world, record, township_secretary):
    meeting, _roll = record
    other = UserFactory(username="b1_organizer")
    RoleFactory(user=other, organization=world.b1, kind=RoleKind.BRANCH_ORGANIZER)
    with pytest.raises(ValidationError, match="只有登记人或乡镇党委可以更正这条记录"):
        services.meeting_correct(meeting=meeting, by=other, reason="改主题", topic="新主题")
    services.meeting_correct(meeting=meeting, by=township_secretary, reason="乡镇党委审核更正", topic="新主题")
    assert Meeting.objects.get(pk=meeting.pk).topic == "新主题"


def test_a_correction_is_checked_by_the_same_rules(record, branch_secretary):
    meeting, _roll = record
    with pytest.raises(ValidationError) as error:
        services.meeting_correct(
            meeting=meeting, by=branch_secretary, reason="时间", starts_at=datetime.time(12), ends_at=datetime.time(11)
        )
    assert "ends_at" in error.value.message_dict
    assert Meeting.objects.get(pk=meeting.pk).starts_at == datetime.time(9)


def test_correcting_the_grid_recounts_keeps_the_original_and_recomputes_outcomes(record, branch_secretary):
    meeting, roll = record
    services.attendance_correct(
        meeting=meeting, by=branch_secretary, reason="张某实际到会", attendance={roll[0].pk: (Attendance.PRESENT, "")}
    )
    counted = Meeting.objects.with_counts().get(pk=meeting.pk)
    assert (counted.should_attend, counted.present) == (5, 5)
    row = meeting.attendances.get(member=roll[0])
    assert [h.choice for h in row.history.order_by("history_id")] == [Attendance.SICK, Attendance.PRESENT]
    (entry,) = selectors.attendance_corrections(meeting=meeting)
    assert (entry.who, entry.reason) == (branch_secretary, "更正出席情况：张某实际到会")
    assert (entry.changes[0].old, entry.changes[0].new) == ("病假", "出席")
    with pytest.raises(ValidationError, match="出席情况没有变化"):
        services.attendance_correct(
            meeting=meeting, by=branch_secretary, reason="再次", attendance={roll[0].pk: (Attendance.PRESENT, "")}
        )


def test_a_grid_correction_that_contradicts_the_recorded_votes_is_refused(world, branch_secretary):
    """Branch Regs art. 11 / the vote rule: a tally equals the voting members present; a correction of the grid
    that would break it is refused, saying what to do, and nothing changes."""
    roll = f.members(world.b2, 5)
    meeting = f.meeting(
        world.b2,
        branch_secretary,
        held_on=timezone.localdate(),
        resolutions=[{"text": "通过工作计划", "yes": 5, "no": 0, "abstain": 0}],
    )
    with pytest.raises(ValidationError, match="请报乡镇党委另行登记更正说明"):
        services.attendance_correct(
            meeting=meeting, by=branch_secretary, reason="实际缺席", attendance={roll[0].pk: (Attendance.SICK, "")}
        )
    assert meeting.attendances.get(member=roll[0]).choice == Attendance.PRESENT


def test_a_stranger_cannot_be_slipped_into_the_grid(world, record, branch_secretary):
    meeting, _roll = record
    stranger = f.members(world.b2, 1)[0]
    with pytest.raises(ValidationError, match="不在本次会议的出席名单上"):
        services.attendance_correct(
            meeting=meeting, by=branch_secretary, reason="补", attendance={stranger.pk: (Attendance.PRESENT, "")}
        )


def test_correction_pages_refuse_in_chinese_and_keep_what_was_typed(record, branch_secretary, client_for):
    meeting, roll = record
    client = client_for(branch_secretary)
    url = reverse("meetings:meeting_correct", kwargs={"meeting_pk": meeting.pk})
    page = client.get(url)
    assert page.status_code == 200 and "更正原因" in page.content.decode()
    data = {
        "topic": "改过的主题",
        "held_on": meeting.held_on.isoformat(),
        "starts_at": "09:00",
        "ends_at": "11:00",
        "place": "村委会会议室",
        "reason": "",
    }
    body = client.post(url, data).content.decode()
    assert "请填写更正原因" in body and 'value="改过的主题"' in body
    assert Meeting.objects.get(pk=meeting.pk).topic == "学习贯彻会议精神"
    response = client.post(url, {**data, "reason": "主题笔误"})
    assert response.status_code == 302 and Meeting.objects.get(pk=meeting.pk).topic == "改过的主题"
    grid = reverse("meetings:attendance_correct", kwargs={"meeting_pk": meeting.pk})
    fields = {f"att_{m.pk}": "present" for m in roll}
    response = client.post(grid, {**fields, "reason": "补记到会"})
    assert response.status_code == 302
    detail = client.get(reverse("meetings:meeting_detail", kwargs={"meeting_pk": meeting.pk})).content.decode()
    assert "更正出席情况：补记到会" in detail and "病假 → 出席" in detail


def test_reviewer_cannot_open_the_correction_pages(record, reviewer, client_for):
    meeting, _roll = record
    client = client_for(reviewer)
    for name in ("meetings:meeting_correct", "meetings:attendance_correct"):
        assert client.get(reverse(name, kwargs={"meeting_pk": meeting.pk})).status_code == 404
