"""Correcting a recorded step (issue 10 item 15): by its recorder or the township, with a reason, within the
county's correction window (LocalRules.correction_window_days); the history keeps the original values and
who changed them; the corrected file still satisfies the Recruitment Rules 2014."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from branches.models import RoleKind
from partywork.models import LocalRules
from recruitment.corrections import step_correct
from recruitment.models import Step, StepCorrection
from tests.clock import moment, on_day
from tests.factories import RoleFactory, UserFactory

from .factories import SCHEDULE, advance, applicant

D = datetime.date
RECORDED = D(2026, 11, 2)
pytestmark = [on_day(RECORDED), pytest.mark.dates]


def _file(by, world, to=2, sponsors=()):
    file = applicant(by=by, branch=world.b1)
    return advance(file, by=by, to=to, sponsors=sponsors) if to > 1 else file


def _refused(call, field=None, text=""):
    before = list(Step.objects.values_list("pk", "on", "notes"))
    corrections = StepCorrection.objects.count()
    with pytest.raises(ValidationError) as error:
        call()
    messages = " ".join(error.value.messages)
    if field:
        assert field in error.value.message_dict, error.value.message_dict
    assert text in messages, messages
    assert list(Step.objects.values_list("pk", "on", "notes")) == before
    assert StepCorrection.objects.count() == corrections
    return messages


def test_recorder_corrects_with_a_reason_history_keeps_the_original(world, branch_secretary):
    file = _file(branch_secretary, world)
    talk = file.steps.get(number=2)
    step_correct(by=branch_secretary, step=talk, reason="谈话日期登记错误，以谈话记录为准", on=D(2023, 1, 25), notes="")
    talk.refresh_from_db()
    assert talk.on == D(2023, 1, 25)
    original, corrected = talk.history.order_by("history_date")[:2]
    assert original.on == SCHEDULE[2] and corrected.on == D(2023, 1, 25)
    assert corrected.history_user == branch_secretary
    assert corrected.history_change_reason == "更正：谈话日期登记错误，以谈话记录为准"
    correction = StepCorrection.objects.get()
    assert correction.changes == [{"field": "on", "label": "日期", "old": "2023-01-20", "new": "2023-01-25"}]
    assert correction.corrected_by == branch_secretary


@pytest.mark.parametrize("days_after,ok", [(29, True), (30, True), (31, False)])  # the day before, the day, after
def test_correction_window_is_local_data_default_30_days(world, branch_secretary, time_machine, days_after, ok):
    """LocalRules.correction_window_days (default 30): the day of recording counts as day 0."""
    file = _file(branch_secretary, world)
    time_machine.move_to(moment(RECORDED + datetime.timedelta(days=days_after)))
    call = lambda: step_correct(  # noqa: E731
        by=branch_secretary, step=file.steps.get(number=2), reason="日期有误", on=D(2023, 1, 25)
    )
    if ok:
        assert call().on == D(2023, 1, 25)
    else:
        messages = _refused(call, "__all__", "更正期限（30 天）已于 2026-12-02 届满")
        assert "请报乡镇党委另行登记更正说明" in messages


def test_a_longer_window_from_the_countys_local_rules(world, branch_secretary, time_machine):
    file = _file(branch_secretary, world)
    LocalRules.objects.create(effective_from=D(2026, 1, 1), basis="县委组织部〔2026〕1号", correction_window_days=60)
    time_machine.move_to(moment(RECORDED + datetime.timedelta(days=45)))
    step = step_correct(by=branch_secretary, step=file.steps.get(number=2), reason="日期有误", on=D(2023, 1, 25))
    assert step.on == D(2023, 1, 25)


def test_reason_required_nothing_changed(world, branch_secretary):
    file = _file(branch_secretary, world)
    _refused(
        lambda: step_correct(by=branch_secretary, step=file.steps.get(number=2), reason="  ", on=D(2023, 1, 25)),
        "reason",
        "请填写更正原因",
    )


def test_only_the_recorder_or_the_township(world, branch_secretary, township_secretary):
    file = _file(branch_secretary, world)
    colleague = UserFactory()
    RoleFactory(user=colleague, organization=world.b1, kind=RoleKind.BRANCH_SECRETARY)
    talk = file.steps.get(number=2)
    _refused(
        lambda: step_correct(by=colleague, step=talk, reason="日期有误", on=D(2023, 1, 25)),
        "__all__",
        "只有登记人或乡镇党委可以更正这条记录",
    )
    assert step_correct(by=township_secretary, step=talk, reason="日期有误", on=D(2023, 1, 25)).on == D(2023, 1, 25)


def test_corrected_step_must_still_keep_the_rules(world, branch_secretary):
    """Recruitment Rules 2014 art. 7: the talk within a month of the application (2023-01-10)."""
    file = _file(branch_secretary, world)
    talk = file.steps.get(number=2)
    assert step_correct(by=branch_secretary, step=talk, reason="日期有误", on=D(2023, 2, 10)).on == D(2023, 2, 10)
    _refused(
        lambda: step_correct(by=branch_secretary, step=talk, reason="日期有误", on=D(2023, 2, 11)),
        "on",
        "不晚于 2023-02-10",
    )


def test_a_correction_that_breaks_a_later_step_is_refused(world, branch_secretary, sponsors):
    """Recruitment Rules 2014 art. 13: moving the activist's confirmation (step 3) later leaves less than a
    year before the listing (step 7, 2024-07-10): refused, naming the later step."""
    file = _file(branch_secretary, world, to=7, sponsors=sponsors)
    activist = file.steps.get(number=3)
    messages = _refused(
        lambda: step_correct(by=branch_secretary, step=activist, reason="日期有误", on=D(2023, 7, 11)),
        "__all__",
        "更正后第7步（列为发展对象）不再符合规则",
    )
    assert "不早于 2024-07-11" in messages


def test_listing_moved_to_the_day_of_its_activist_course_is_refused(world, branch_secretary, sponsors):
    """Recruitment Rules 2014 art. 13: the listing (step 7) comes after the activist course (held 2024-07-03 in
    the factory's calendar); a correction that moves it onto the course's day is refused."""
    file = _file(branch_secretary, world, to=7, sponsors=sponsors)
    listing = file.steps.get(number=7)
    _refused(
        lambda: step_correct(by=branch_secretary, step=listing, reason="日期有误", on=D(2024, 7, 3)),
        "on",
        "2024-07-03 之前没有该积极分子参加培训班的记录",
    )


def test_nothing_to_correct_is_said_so(world, branch_secretary):
    file = _file(branch_secretary, world)
    _refused(
        lambda: step_correct(by=branch_secretary, step=file.steps.get(number=2), reason="核对", on=SCHEDULE[2]),
        text="所填内容与原记录相同",
    )


def test_admission_vote_date_not_corrected_once_on_the_roll(world, branch_secretary, township_secretary, sponsors):
    file = _file(branch_secretary, world, to=1)
    advance(file, by=branch_secretary, to=17, sponsors=sponsors, approver=township_secretary)
    vote = file.steps.get(number=15)
    _refused(
        lambda: step_correct(by=township_secretary, step=vote, reason="日期有误", on=D(2024, 10, 16)),
        "__all__",
        "已据以建立或变更党员档案",
    )
    assert step_correct(by=township_secretary, step=vote, reason="补记", notes="会议记录见附件").notes


def test_approvals_are_corrected_by_the_township_only(world, branch_secretary, township_secretary, sponsors):
    file = _file(branch_secretary, world, to=1)
    advance(file, by=branch_secretary, to=17, sponsors=sponsors, approver=township_secretary)
    with pytest.raises(PermissionDenied):
        step_correct(by=branch_secretary, step=file.steps.get(number=17), reason="x", notes="y")


def test_correction_page_and_file_page(world, branch_secretary, client_for):
    file = _file(branch_secretary, world)
    talk = file.steps.get(number=2)
    client = client_for(branch_secretary)
    detail = reverse("recruitment:applicant_detail", kwargs={"applicant_pk": file.pk})
    url = reverse("recruitment:step_correct", kwargs={"applicant_pk": file.pk, "step_pk": talk.pk})
    assert url in client.get(detail).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "期限至 2026-12-02" in page.content.decode()
    # Bad input: refused, what was typed kept, nothing changed.
    response = client.post(url, {"on": "2023-03-01", "participants": "张书记", "reason": "日期有误"})
    content = response.content.decode()
    assert response.status_code == 200 and "不晚于 2023-02-10" in content and "张书记" in content
    assert not StepCorrection.objects.exists()
    response = client.post(url, {"on": "2023-01-25", "participants": "张书记", "reason": "日期有误"}, follow=True)
    content = response.content.decode()
    assert "已更正" in content and "日期：2023-01-20 → 2023-01-25" in content and "日期有误" in content


def test_file_page_query_count_does_not_grow_with_corrections(
    world, branch_secretary, sponsors, client_for, django_assert_max_num_queries
):
    file = _file(branch_secretary, world, to=11, sponsors=sponsors)
    for step in file.steps.exclude(number=9):
        step_correct(by=branch_secretary, step=step, reason="补充备注", notes="补充")
    client = client_for(branch_secretary)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("recruitment:applicant_detail", kwargs={"applicant_pk": file.pk}))
    assert response.content.decode().count('data-testid="step-correction"') == 10


def test_a_step_of_another_file_is_not_found(world, branch_secretary, township_secretary, client_for):
    """Scope: the step is looked up inside the file the URL names (a guessed step id of another file, even in
    the same township, is 404)."""
    mine = _file(branch_secretary, world)
    other = applicant(by=township_secretary, branch=world.b2)
    url = reverse("recruitment:step_correct", kwargs={"applicant_pk": mine.pk, "step_pk": other.steps.get(number=1).pk})
    client = client_for(branch_secretary)
    assert client.get(url).status_code == 404
    assert client.post(url, {"on": "2023-01-11", "reason": "x"}).status_code == 404
