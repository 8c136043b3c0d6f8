import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from recruitment.models import Applicant, Step, Target
from tests.clock import on_day
from tests.factories import MemberFactory

from .factories import SCHEDULE, advance, applicant, identity

D = datetime.date
# The files here are built on their own calendar (2023-2026), so the clock is pinned after its last date.
pytestmark = on_day(D(2026, 11, 26))


def test_board_is_bounded_for_a_township_with_200_applicants(
    world, township_secretary, client_for, django_assert_max_num_queries
):
    """Pipeline board: counts by stage, due this month, overdue, in a bounded number of queries."""
    contact = MemberFactory(branch=world.b1)
    for index in range(200):
        branch = world.b1 if index % 2 else world.b2
        file = applicant(by=township_secretary, branch=branch, applied_on=D(2024, 1, 10), **identity(sequence=index))
        Step.objects.create(applicant=file, number=2, on=D(2024, 1, 20), recorded_by=township_secretary)
        if index % 3 == 0:
            Step.objects.create(applicant=file, number=3, on=D(2024, 7, 20), recorded_by=township_secretary)
            step = Step.objects.create(
                applicant=file, number=5, on=D(2024, 7, 25), recorded_by=township_secretary, participants="支部书记"
            )
            Step.objects.create(applicant=file, number=4, on=D(2024, 7, 22), recorded_by=township_secretary)
            step.people.add(contact)
    client = client_for(township_secretary)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("recruitment:applicant_board", kwargs={"org_pk": world.t1.pk}))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.total == 200
    counts = {number: len(files) for number, _label, files in board.stages}
    assert counts[1] == 133 and counts[2] == 67
    # Activists whose assessment was due six months after 2024-07-25 are overdue.
    assert len(board.overdue) == 67


def test_branch_secretary_records_the_next_step_and_a_refusal_keeps_the_input(world, branch_secretary, client_for):
    file = applicant(by=branch_secretary, branch=world.b1)
    client = client_for(branch_secretary)
    url = reverse("recruitment:step_create", kwargs={"applicant_pk": file.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"number": 2, "on": "2023-02-11", "participants": "李书记"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "收到申请书后一个月内谈话" in content and "2023-02-10" in content and 'value="李书记"' in content
    assert file.steps.count() == 1
    response = client.post(url, {"number": 2, "on": "2023-02-10", "participants": "李书记"})
    assert response.status_code == 302 and file.steps.count() == 2
    page = client.get(reverse("recruitment:applicant_detail", kwargs={"applicant_pk": file.pk})).content.decode()
    assert "党组织派人谈话" in page and "李书记" in page and "2023-07-10" in page


def test_applicant_created_on_a_branch_only_with_write_permission(world, branch_secretary, reviewer, client_for):
    data = {**identity(), "applied_on": "2025-03-01", "document": "入党申请书"}
    data["birth_date"] = data["birth_date"].isoformat()
    url = reverse("recruitment:applicant_create", kwargs={"org_pk": world.b1.pk})
    assert client_for(reviewer).post(url, data).status_code == 404
    assert not Applicant.objects.exists()
    response = client_for(branch_secretary).post(url, data)
    assert response.status_code == 302
    assert Applicant.objects.get().steps.get().on == D(2025, 3, 1)


def test_exception_only_by_the_township_and_visible_on_the_file(
    world, branch_secretary, township_secretary, client_for
):
    file = applicant(by=branch_secretary, branch=world.b1)
    url = reverse("recruitment:exception_create", kwargs={"applicant_pk": file.pk})
    assert client_for(branch_secretary).get(url).status_code == 404
    client = client_for(township_secretary)
    response = client.post(url, {"rule": "talk_deadline", "reason": "申请人外出务工，返乡后谈话"})
    assert response.status_code == 302
    page = client.get(reverse("recruitment:applicant_detail", kwargs={"applicant_pk": file.pk})).content.decode()
    assert "申请人外出务工，返乡后谈话" in page


def test_ledger_export_job_writes_the_branch_files(
    world, branch_secretary, township_secretary, sponsors, client_for, django_capture_on_commit_callbacks
):
    file = applicant(by=branch_secretary, branch=world.b1, name="赵一")
    advance(file, by=branch_secretary, to=17, sponsors=sponsors, approver=township_secretary)
    applicant(by=branch_secretary, branch=world.b2, name="钱二")
    client = client_for(branch_secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("recruitment:applicant_export", kwargs={"org_pk": world.b1.pk}))
    job_url = response.url
    page = client.get(job_url).content.decode()
    assert "发展党员台账" in page
    download = client.get(job_url + "download/")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][2] == "赵一" and len(rows) == 3
    assert "接收预备党员" in rows[2] and SCHEDULE[15] in [c.date() if hasattr(c, "date") else c for c in rows[2]]


def test_targets_set_by_the_county_against_achievement(world, county_admin, township_secretary, sponsors, client_for):
    url = reverse("recruitment:target_set", kwargs={"org_pk": world.t1.pk})
    assert client_for(township_secretary).post(url, {"year": 2024, "new_members": 2}).status_code == 404
    response = client_for(county_admin).post(url, {"year": 2024, "new_members": 2, "new_activists": 3})
    assert response.status_code == 302 and Target.objects.get().new_members == 2
    advance(applicant(by=county_admin, branch=world.b1), by=county_admin, to=17, sponsors=sponsors)  # county approves
    page = client_for(township_secretary).get(
        reverse("recruitment:target_list", kwargs={"org_pk": world.t1.pk}) + "?year=2024"
    )
    row = next(t for t in page.context["orgs"] if t.pk == world.t1.pk)
    assert (row.target_members, row.admitted, row.activists) == (2, 1, 0)


def test_member_page_shows_the_whole_recruitment_record(
    world, branch_secretary, township_secretary, outsider, sponsors, rf, client_for
):
    from members.panels import render_context

    file = advance(
        applicant(by=branch_secretary, branch=world.b1),
        by=branch_secretary,
        to=17,
        sponsors=sponsors,
        approver=township_secretary,
    )
    file.refresh_from_db()
    request = rf.get("/")
    request.user = outsider
    assert all(p["key"] != "recruitment" for p in render_context(request, file.member))
    page = client_for(branch_secretary).get(reverse("members:member_detail", kwargs={"member_pk": file.member.pk}))
    content = page.content.decode()
    assert 'data-testid="recruitment-panel"' in content
    assert "第15步（支部党员大会讨论接收）" in content and "2024-10-15" in content


def test_approval_steps_are_the_townships(world, branch_secretary, township_secretary, sponsors, client_for):
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=16, sponsors=sponsors)
    url = reverse("recruitment:step_create", kwargs={"applicant_pk": file.pk})
    assert client_for(branch_secretary).get(url).status_code == 403
    detail = client_for(branch_secretary).get(reverse("recruitment:applicant_detail", kwargs={"applicant_pk": file.pk}))
    assert "审批由乡镇党委登记" in detail.content.decode()
    response = client_for(township_secretary).post(url, {"number": 17, "on": "2024-11-15"})
    assert response.status_code == 302 and file.steps.filter(number=17).exists()


def test_step_document_file_uploaded_and_downloaded_in_scope(world, branch_secretary, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = applicant(by=branch_secretary, branch=world.b1)
    client = client_for(branch_secretary)
    upload = SimpleUploadedFile("谈话记录.pdf", b"%PDF-1.4 talk", content_type="application/pdf")
    url = reverse("recruitment:step_create", kwargs={"applicant_pk": file.pk})
    response = client.post(url, {"number": 2, "on": "2023-01-20", "document": "谈话记录", "document_file": upload})
    assert response.status_code == 302
    step = file.steps.get(number=2)
    download = client.get(reverse("recruitment:step_file", kwargs={"applicant_pk": file.pk, "step_pk": step.pk}))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 talk"


def test_every_step_form_and_page_renders(world, county_admin, township_secretary, client_for, sponsors):
    """Every step's form (with its own fields), the boards at each level and the targets render."""
    file = applicant(by=township_secretary, branch=world.b1)
    client = client_for(county_admin)
    url = reverse("recruitment:step_create", kwargs={"applicant_pk": file.pk})
    for number in range(1, 26):
        response = client.get(f"{url}?number={number}")
        assert response.status_code == 200, number
        content = response.content.decode()
        if number == 23:
            assert 'name="outcome"' in content and 'name="extension_months"' in content
        if number in (7, 13):
            assert 'name="notice_from"' in content
    for org in (world.county, world.t1, world.b1):
        assert client.get(reverse("recruitment:applicant_board", kwargs={"org_pk": org.pk})).status_code == 200
    assert client.get(reverse("recruitment:target_list", kwargs={"org_pk": world.county.pk})).status_code == 200
    assert client.get(reverse("recruitment:target_set", kwargs={"org_pk": world.t1.pk})).status_code == 200
    assert client.get(reverse("recruitment:index")).url.endswith(f"/orgs/{world.county.pk}/")


def test_file_page_bounded_whatever_the_number_of_steps(
    world, branch_secretary, township_secretary, sponsors, client_for, django_assert_max_num_queries
):
    file = advance(
        applicant(by=branch_secretary, branch=world.b1),
        by=branch_secretary,
        to=25,
        sponsors=sponsors,
        approver=township_secretary,
    )
    client = client_for(branch_secretary)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("recruitment:applicant_detail", kwargs={"applicant_pk": file.pk}))
    content = response.content.decode()
    assert "已转正" in content and "第25步（材料归档）" in content


def test_ledger_job_rechecks_the_scope_when_it_runs(world, outsider, django_capture_on_commit_callbacks):
    from partywork.jobs import job_start
    from partywork.models import Job
    from recruitment.exports import KIND

    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(user=outsider, kind=KIND, organization=world.b1)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "权限" in job.message


def test_the_township_sets_its_branches_targets(world, county_admin, township_secretary, branch_secretary, client_for):
    """Targets per branch (the seed township plans 1–2 new members and 3 activists per village branch): set by
    the township, not by the branch itself; a township's own target stays the county's to set."""
    from recruitment.models import Target

    url = reverse("recruitment:target_set", kwargs={"org_pk": world.b1.pk})
    assert client_for(branch_secretary).post(url, {"year": 2026, "new_members": 2}).status_code == 404
    response = client_for(township_secretary).post(url, {"year": 2026, "new_members": 2, "new_activists": 3})
    assert response.status_code == 302
    assert Target.objects.get(organization=world.b1, year=2026).new_activists == 3
    township_url = reverse("recruitment:target_set", kwargs={"org_pk": world.t1.pk})
    assert client_for(township_secretary).post(township_url, {"year": 2026, "new_members": 9}).status_code == 404
    page = client_for(township_secretary).get(
        reverse("recruitment:target_list", kwargs={"org_pk": world.t1.pk}) + "?year=2026"
    )
    rows = {t.pk: t for t in page.context["orgs"]}
    assert set(rows) == {world.t1.pk, world.b1.pk, world.b2.pk}
    assert rows[world.b1.pk].target_members == 2 and rows[world.b1.pk].can_set
    assert rows[world.t1.pk].target_members is None and not rows[world.t1.pk].can_set


def test_sponsor_choices_other_branches_only_for_the_township_after_its_exception(
    world, branch_secretary, township_secretary, sponsors, client_for
):
    """Recruitment Rules 2014 ch. 3 [practice]: the form offers the branch's members; after the township's
    exception (sponsor_branch) the township also sees the other branches of its township; a branch secretary
    never sees another branch's members, nor another township's are offered to anyone."""
    from recruitment import services

    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=8, sponsors=sponsors)
    elsewhere = MemberFactory(branch=world.b2, name="乙村党员")
    far = MemberFactory(branch=world.b3, name="丙村党员")
    url = reverse("recruitment:step_create", kwargs={"applicant_pk": file.pk}) + "?number=9"

    def offered(user):
        return set(client_for(user).get(url).context["form"].fields["people"].queryset)

    assert offered(township_secretary) == set(sponsors)
    services.exception_record(by=township_secretary, applicant=file, rule="sponsor_branch", reason="长期在乙村工作")
    assert elsewhere in offered(township_secretary) and far not in offered(township_secretary)
    assert offered(branch_secretary) == set(sponsors)
    content = client_for(township_secretary).get(url).content.decode()
    assert "乙村党员（乙村党支部）" in content
