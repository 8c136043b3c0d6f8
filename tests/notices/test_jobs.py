"""The reminder jobs (issue 13): one digest per person and run, catching up after a gap, each job on its
day, and nothing sent twice."""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse

from notices import schedule
from notices.digest import digest_groups, digest_text
from notices.models import Digest, JobState, Notification
from notices.reminders import reminders_job_run
from partywork.models import LocalRules
from tests.clock import on_day
from tests.meetings import factories as mf

D = datetime.date


def _item(org, kind, title, url=""):
    return SimpleNamespace(organization=org, kind=kind, title=title, url=url)


def test_digest_groups_by_organisation_then_kind_with_counts(world):
    items = [
        _item(world.b2, "branch_without_account", "乙村党支部 尚无支部书记或组织委员账号"),
        _item(world.b1, "dues_arrears_3", "张三 已连续 3 个月未交纳党费，请提醒"),
        _item(world.b1, "meetings_overdue", "甲村党支部：10月尚未召开支部委员会"),
        _item(world.b1, "dues_arrears_3", "李四 已连续 4 个月未交纳党费，请提醒"),
        _item(world.b1, "dues_arrears_3", "王五 已连续 5 个月未交纳党费，请提醒"),
    ]
    groups = digest_groups(items)
    assert [g.organization for g in groups] == [world.b1, world.b2]  # tree order
    assert [(k.kind, len(k.items)) for k in groups[0].kinds] == [("dues_arrears_3", 3), ("meetings_overdue", 1)]
    assert digest_text(groups).splitlines() == [
        "甲村党支部：3 名党员欠缴党费 3 个月以上，10月尚未召开支部委员会",
        "乙村党支部：尚无支部书记或组织委员账号",
    ]


def test_local_day_jobs_run_on_their_day_or_the_first_run_after_it(db):
    contact = schedule.JOBS["mobile_contact"]  # the 20th by default
    assert not schedule.due_on_day(contact, after=D(2026, 10, 20), today=D(2026, 11, 19))
    assert schedule.due_on_day(contact, after=D(2026, 10, 20), today=D(2026, 11, 20))
    assert not schedule.due_on_day(contact, after=D(2026, 11, 20), today=D(2026, 11, 21))
    assert schedule.due_on_day(contact, after=D(2026, 9, 20), today=D(2026, 11, 3))  # beat was down on 20 Oct
    assert not schedule.due_on_day(contact, after=None, today=D(2026, 11, 19))
    LocalRules.objects.create(effective_from=D(2026, 11, 1), basis="县委组织部〔2026〕9号", mobile_contact_day=15)
    assert schedule.due_on_day(contact, after=D(2026, 10, 20), today=D(2026, 11, 15))
    dues = schedule.JOBS["dues_entry"]  # the 10th
    assert not schedule.due_on_day(dues, after=D(2026, 10, 10), today=D(2026, 11, 9))
    assert schedule.due_on_day(dues, after=D(2026, 10, 10), today=D(2026, 11, 10))


def test_catch_up_days_are_the_firsts_since_the_last_success():
    assert schedule.catch_up_days(after=None, today=D(2026, 11, 1)) == []
    assert schedule.catch_up_days(after=D(2026, 10, 1), today=D(2026, 11, 1)) == []
    assert schedule.catch_up_days(after=D(2026, 8, 1), today=D(2026, 11, 1)) == [D(2026, 9, 1), D(2026, 10, 1)]
    assert schedule.catch_up_days(after=D(2026, 8, 31), today=D(2026, 9, 2)) == [D(2026, 9, 1)]


def test_scheduled_job_waits_for_its_local_day(world, township_secretary):
    JobState.objects.create(job="mobile_contact", last_success_on=D(2026, 10, 20))
    assert not reminders_job_run(job="mobile_contact", today=D(2026, 11, 19), scheduled=True).ran
    assert reminders_job_run(job="mobile_contact", today=D(2026, 11, 20), scheduled=True).ran
    assert JobState.objects.get(job="mobile_contact").last_success_on == D(2026, 11, 20)


@pytest.mark.dates
@on_day(D(2026, 11, 1))
def test_one_digest_per_person_and_run_sent_once(
    world, township_secretary, branch_secretary, mailoutbox, django_capture_on_commit_callbacks, client_for
):
    township_secretary.email = "t1@example.org"
    township_secretary.save()
    mf.members(world.b1, 4, status="full")
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_job_run(job="monthly", today=D(2026, 11, 1))
    items = Notification.objects.filter(recipient=township_secretary)
    # b2 has no account; b1 missed October's theme day: two organisations, one digest, one e-mail.
    assert {n.kind for n in items} >= {"branch_without_account", "meetings_overdue"}
    digest = Digest.objects.get(recipient=township_secretary)
    assert set(items.values_list("digest", flat=True)) == {digest.pk}
    assert digest.item_count == items.count() and first.digests == 2  # and the branch secretary's
    lines = digest.body.splitlines()
    assert lines[0].startswith("甲村党支部：") and lines[1].startswith("乙村党支部：尚无支部书记或组织委员账号，")
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == digest.title and "甲村党支部" in mailoutbox[0].body
    # The digest page links every item to the page that clears it.
    body = client_for(township_secretary).get(reverse("notices:digest_detail", args=[digest.pk])).content.decode()
    assert reverse("meetings:compliance_branch", kwargs={"org_pk": world.b1.pk}) in body
    assert reverse("branches:organization_detail", kwargs={"org_pk": world.b2.pk}) in body
    # The same job again that day (a retry, a second beat): nothing new, no second digest or e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_job_run(job="monthly", today=D(2026, 11, 1))
    assert not again.ran and Digest.objects.count() == 2 and len(mailoutbox) == 1
    # Even forgetting the job's state, the items' keys keep everyone from getting them twice.
    JobState.objects.all().delete()
    assert reminders_job_run(job="monthly", today=D(2026, 11, 1)).created == 0
    assert Digest.objects.count() == 2


@pytest.mark.dates
@on_day(D(2026, 11, 1))
def test_catch_up_after_two_missed_months(world, township_secretary, county_admin):
    mf.members(world.b1, 4, status="full")
    mf.meeting(world.b1, county_admin, kinds=["theme_day"], held_on=D(2026, 9, 15))
    JobState.objects.create(job="monthly", last_success_on=D(2026, 8, 1))  # beat down on 1 Sep and 1 Oct
    run = reminders_job_run(job="monthly", today=D(2026, 11, 1))
    assert run.days == [D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1)]
    theme = set(
        Notification.objects.filter(
            recipient=township_secretary, kind="meetings_overdue", subject_key=f"org:{world.b1.pk}:theme_day"
        ).values_list("period", flat=True)
    )
    # August's and October's theme days were missed; September's was held (it counts, however late logged).
    assert theme == {"2026-08", "2026-10"}
    quarter = Notification.objects.filter(recipient=township_secretary, kind="meetings_overdue", period="2026Q3")
    assert quarter.exists()  # the quarter that ended while beat was down
    # What was only coming due on a missed day is not sent late.
    assert not Notification.objects.filter(kind="meetings_due_soon", period__in=("2026-08", "2026-09")).exists()
    assert Digest.objects.filter(recipient=township_secretary).count() == 1


def test_run_reminders_command_dry_run_changes_nothing(world, township_secretary):
    out = StringIO()
    call_command("run_reminders", "--job", "monthly", "--date", "2026-06-01", "--dry-run", stdout=out)
    assert "would send" in out.getvalue()
    assert not Notification.objects.exists() and not Digest.objects.exists()
    assert not JobState.objects.filter(last_success_on__isnull=False).exists()
    call_command("run_reminders", "--job", "monthly", "--date", "2026-06-01", stdout=out)
    assert Notification.objects.filter(recipient=township_secretary, kind="branch_without_account").exists()


def test_dry_run_applies_no_rule_either(world, county_admin):
    """The contact job marks members unreachable for 6 months as lost (a rule applied by its check); a dry
    run lists what it would send and leaves the member as they were."""
    from django.utils import timezone

    from partywork.dates import add_months
    from tests.factories import MemberFactory
    from tests.movements.builders import mobile_record

    today = timezone.localdate()
    record = mobile_record(by=county_admin, member=MemberFactory(branch=world.b1), left_on=add_months(today, -8))
    call_command("run_reminders", "--job", "mobile_contact", "--dry-run", stdout=StringIO())
    record.refresh_from_db()
    assert record.lost_contact_on is None
    call_command("run_reminders", "--job", "mobile_contact", stdout=StringIO())
    record.refresh_from_db()
    assert record.lost_contact_on is not None


@pytest.mark.dates
@on_day(D(2026, 11, 1))
def test_a_run_takes_the_same_number_of_queries_whatever_the_number_of_organisations(world, township_secretary):
    """The county run is bounded: more branches, members and people to tell add rows, not queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MemberFactory, OrganizationFactory, RoleFactory, UserFactory

    def grow(n):
        for _ in range(n):
            branch = OrganizationFactory(parent=world.t1)
            MemberFactory(branch=branch, status="full")
            RoleFactory(user=UserFactory(), organization=branch, kind="branch_secretary")

    def queries(today):
        with CaptureQueriesContext(connection) as captured:
            run = reminders_job_run(job="monthly", today=today)
        return len(captured), run.created

    grow(2)
    small, small_created = queries(D(2026, 11, 1))
    for model in (Notification, Digest, JobState):
        model.objects.all().delete()
    grow(10)
    large, large_created = queries(D(2026, 11, 1))
    assert large_created > small_created
    assert large == small
