"""Roster export (issue 3 §5): a job, the import layout, masking by role, logging, formula escaping."""

import io

import pytest
from openpyxl import load_workbook

from members.imports import check_rows
from members.models import SensitiveAccess
from members.workbook import HEADERS
from partywork.models import Job
from tests.factories import MemberFactory


def _export(client, org, capture):
    with capture(execute=True):
        response = client.post(f"/members/org/{org.pk}/export/")
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    return job


def _content(client, job) -> bytes:
    return b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)


def _sheet(content):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def test_export_page_says_what_will_be_exported(world, reviewer, branch_secretary, client_for):
    assert "遮蔽" in client_for(reviewer).get(f"/members/org/{world.b1.pk}/export/").content.decode()
    assert "完整身份证号码" in client_for(branch_secretary).get(f"/members/org/{world.b1.pk}/export/").content.decode()


def test_reviewer_export_is_masked_and_not_logged_as_full(
    world, reviewer, client_for, django_capture_on_commit_callbacks
):
    member = MemberFactory(branch=world.b1, name="张三", phone="13912345678")
    MemberFactory(branch=world.b3, name="外乡人")
    client = client_for(reviewer)
    job = _export(client, world.t1, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.DONE and job.user == reviewer and job.organization == world.t1
    sheet = _sheet(_content(client, job))
    assert [c.value for c in sheet[1]] == HEADERS
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[1] for r in rows] == ["张三"]
    assert rows[0][5] == member.id_number_masked and rows[0][6] == member.phone_masked
    assert not SensitiveAccess.objects.exists()


def test_secretary_export_has_full_ids_and_is_logged(
    world, branch_secretary, client_for, django_capture_on_commit_callbacks
):
    member = MemberFactory(branch=world.b1, name="张三", phone="13912345678")
    client = client_for(branch_secretary)
    job = _export(client, world.b1, django_capture_on_commit_callbacks)
    rows = [[c.value for c in row] for row in _sheet(_content(client, job)).iter_rows(min_row=2)]
    assert rows[0][5] == member.id_number and rows[0][6] == "13912345678"
    log = SensitiveAccess.objects.get()
    assert (log.user, log.organization, log.action) == (branch_secretary, world.b1, "export")
    assert str(job.pk) in log.reason


def test_an_export_imports_back_as_unchanged(world, branch_secretary, client_for, django_capture_on_commit_callbacks):
    """Same layout as the template: an export (with full IDs) re-imports as 'no change'."""
    for index in range(5):
        MemberFactory(branch=world.b1, group=world.g1 if index % 2 else None, work_unit="村委会", address="一社")
    client = client_for(branch_secretary)
    content = _content(client, _export(client, world.b1, django_capture_on_commit_callbacks))
    result = check_rows(content, org=world.b1)
    assert result.ok, [str(p) for p in result.problems]
    assert result.unchanged == 5


@pytest.mark.parametrize("text", ["=1+1", "+8613912345678", "-2", "@SUM(A1)", '=HYPERLINK("http://x","y")'])
def test_user_text_starting_with_formula_triggers_stays_text(
    text, world, branch_secretary, client_for, django_capture_on_commit_callbacks
):
    MemberFactory(branch=world.b1, name="张三", work_unit=text, address=text)
    client = client_for(branch_secretary)
    sheet = _sheet(_content(client, _export(client, world.b1, django_capture_on_commit_callbacks)))
    work_unit, address = sheet.cell(row=2, column=10), sheet.cell(row=2, column=11)
    assert (work_unit.value, work_unit.data_type) == (text, "s")
    assert (address.value, address.data_type) == (text, "s")


def test_the_job_rechecks_the_scope_when_it_runs(world, branch_secretary, django_capture_on_commit_callbacks):
    """The job runs later, in a worker: a role revoked meanwhile means no file."""
    from branches.models import Role
    from branches.scoping import clear_scope_cache
    from members.exports import roster_export_start

    MemberFactory(branch=world.b1)
    job = roster_export_start(user=branch_secretary, org=world.b1)  # not yet run: on_commit pending
    Role.objects.filter(user=branch_secretary).update(is_active=False)
    clear_scope_cache(branch_secretary)
    from partywork.jobs import job_run

    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "无权" in job.message and not job.result
    assert not SensitiveAccess.objects.exists()


def test_outsider_cannot_export_another_township(world, outsider, client_for):
    assert client_for(outsider).post(f"/members/org/{world.b1.pk}/export/").status_code == 404
    assert not Job.objects.exists()


def test_export_of_a_township_runs_a_bounded_number_of_queries(
    world, township_secretary, django_assert_max_num_queries
):
    from members.exports import run_roster_export

    from .conftest import bulk_members

    bulk_members([world.b1, world.b2], 300, groups={world.b1.pk: world.g1})
    job = Job.objects.create(user=township_secretary, kind="members.roster_export", organization=world.t1)
    with django_assert_max_num_queries(12):
        name, content = run_roster_export(job, lambda done, total=None: None)
    assert name.endswith(".xlsx") and _sheet(content).max_row == 601
