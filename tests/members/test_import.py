"""The roster import (issue 3 §4): every rule row by row, all-or-nothing, re-import idempotence, the CLI."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from members.imports import check_rows, import_commit
from members.models import Member, MemberImport
from members.workbook import EXAMPLE_MARK, HEADERS, template_bytes
from tests.factories import MemberFactory, OrganizationFactory

from .conftest import many_rows, roster_row, workbook


def _problems(data, org):
    return [str(p) for p in check_rows(data, org=org).problems]


def _one_problem(org, **overrides):
    problems = _problems(workbook([roster_row(**overrides)]), org)
    assert len(problems) >= 1, problems
    return problems


# The template ---------------------------------------------------------------------------------------


def test_template_has_chinese_headers_an_example_row_and_drop_down_lists(world):
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(org=world.b1)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet["A2"].value == EXAMPLE_MARK and sheet["B2"].value == "张三"
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["C"] == '"男,女"'  # sex
    assert "'选项'!$A$2:$A$57" in lists["D"]  # the 56 ethnic groups on the options sheet
    assert "大学本科" in lists["H"] and "农牧渔民" in lists["I"] and "预备党员" in lists["L"]
    assert "甲村第一党小组" in lists["O"]  # party groups by name
    assert book["选项"]["A2"].value == "汉族"


def test_the_template_itself_imports_as_nothing_to_do(world):
    """The example row is skipped, so an untouched template never creates 张三."""
    assert _problems(template_bytes(), world.b1) == ["文件：没有数据行"]


def test_an_example_row_overwritten_in_place_is_not_silently_skipped(world):
    problems = _one_problem(world.b1, branch=EXAMPLE_MARK)
    assert problems == ["第2行，所在党支部：请删除“示例行”标记，填写所在党支部（导入到本支部时可留空）"]


# Every rule, cited ------------------------------------------------------------------------------------


def test_good_rows_pass_and_show_what_they_will_do(world):
    result = check_rows(
        workbook([roster_row(党小组="甲村第一党小组"), roster_row(name="李四", sequence=8)]), org=world.b1
    )
    assert result.ok and [r.action for r in result.rows] == ["create", "create"]
    assert result.rows[0].data["group"] == world.g1 and result.rows[0].data["sex"] == "M"


def test_required_cells_are_named_with_row_and_column(world):
    assert "第2行，姓名：必填" in _one_problem(world.b1, 姓名="")


def test_coded_column_outside_its_list_is_refused(world):
    problems = _one_problem(world.b1, 学历="小学")
    assert any(p.startswith("第2行，学历：“小学”不在可选项中") for p in problems)


def test_ethnicity_must_be_one_of_the_56_groups(world):
    assert any("不是56个民族之一" in p for p in _one_problem(world.b1, 民族="火星族"))
    assert check_rows(workbook([roster_row(民族="回")]), org=world.b1).rows[0].data["ethnicity"] == "回族"


def test_dates_accept_the_usual_spellings_and_refuse_nonsense(world):
    ok = check_rows(
        workbook([roster_row(入党日期="2010/7/1"), roster_row(sequence=9, 入党日期="2010年7月1日")]), org=world.b1
    )
    assert ok.ok and ok.rows[1].data["joined_on"] == datetime.date(2010, 7, 1)
    assert any("入党日期：日期格式不正确" in p for p in _one_problem(world.b1, 入党日期="去年"))


def test_id_number_must_have_18_characters_gb11643(world):
    assert "第2行，身份证号码：身份证号码应为18位" in _one_problem(world.b1, 身份证号码="62010219850615")


def test_id_number_check_digit_gb11643(world):
    good = roster_row()[5]
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    assert "第2行，身份证号码：身份证号码校验位错误" in _one_problem(world.b1, 身份证号码=wrong)


def test_lowercase_x_check_digit_is_accepted_as_upper_case_gb11643(world):
    from members.rules import make_id_number

    for sequence in range(100):
        number = make_id_number(region="620102", birth_date=datetime.date(1985, 6, 15), sequence=sequence, sex="M")
        if number.endswith("X"):
            break
    result = check_rows(workbook([roster_row(身份证号码=number.lower())]), org=world.b1)
    assert result.ok and result.rows[0].data["id_number"] == number


def test_birth_date_must_agree_with_the_id_domain_8(world):
    assert "第2行，出生日期：出生日期与身份证号码不一致" in _one_problem(world.b1, 出生日期=datetime.date(1985, 6, 16))


def test_sex_must_agree_with_the_id_domain_8(world):
    row = roster_row()
    assert "第2行，性别：性别与身份证号码不一致" in _one_problem(world.b1, 性别="女", 身份证号码=row[5])


def test_id_typed_as_a_number_in_excel_is_refused(world):
    problems = _one_problem(world.b1, 身份证号码=6.20102198506151e17)
    assert any("身份证号码：数字过长已被 Excel 改写" in p for p in problems)


def test_joining_before_18_is_refused_recruitment_rules_art_5(world):
    assert "第2行，入党日期：入党时须年满18周岁" in _one_problem(
        world.b1, 入党日期=datetime.date(2002, 1, 1), 转正日期=datetime.date(2003, 1, 1)
    )


def test_confirmation_before_one_year_of_probation_is_refused_recruitment_rules_art_31(world):
    problems = _one_problem(world.b1, 转正日期=datetime.date(2011, 1, 1))
    assert "第2行，转正日期：预备期为一年，转正日期不能早于入党日期满一年" in problems


def test_full_member_needs_a_confirmation_date_and_probationary_has_none(world):
    assert "第2行，转正日期：正式党员须填写转正日期" in _one_problem(world.b1, 转正日期="")
    assert "第2行，转正日期：预备党员不应有转正日期" in _one_problem(world.b1, 党员类别="预备党员")


def test_phone_format(world):
    assert any(p.startswith("第2行，联系电话：电话号码格式不正确") for p in _one_problem(world.b1, 联系电话="12345"))


def test_party_group_must_belong_to_the_branch_branch_regs(world):
    assert "第2行，党小组：本支部没有名为“丙村第一党小组”的党小组" in _one_problem(world.b1, 党小组="丙村第一党小组")


def test_the_same_person_twice_in_one_file_is_refused(world):
    problems = _problems(workbook([roster_row(), roster_row(name="张三丰")]), world.b1)
    assert problems == ["第3行，身份证号码：与第2行身份证号码重复"]


def test_a_person_on_another_branch_roll_is_an_error_for_that_row_domain_8(world):
    """The same person cannot be an active member of two branches; the refusal names neither the other
    branch nor that a file exists there, only whom to ask (issue 15, finding 8)."""
    other = MemberFactory(branch=world.b3, name="张三")
    problems = _problems(workbook([roster_row(身份证号码=other.id_number, 出生日期=other.birth_date)]), world.b1)
    assert problems == ["第2行，身份证号码：此人无法在此登记。如需登记或转入，请联系所在乡镇党委或县委组织部核实办理。"]
    assert not any(word in problems[0] for word in ("丙村", "二号乡", "已在", "档案", "其他党支部"))


def test_township_import_needs_the_branch_column(world):
    assert "第2行，所在党支部：导入到乡镇或上级组织时须填写所在党支部" in _one_problem(world.t1)
    assert "第2行，所在党支部：“丙村党支部”不是本组织下的党支部" in _one_problem(world.t1, branch="丙村党支部")
    result = check_rows(workbook([roster_row(branch="乙村党支部")]), org=world.t1)
    assert result.ok and result.rows[0].branch == world.b2


def test_wrong_headers_are_refused(world):
    problems = _problems(workbook([["张三"]], headers=["名字"]), world.b1)
    assert problems[0].startswith("第1行，表头：表头与模板不一致")


def test_a_renamed_file_is_refused_before_it_is_parsed(world):
    problems = _problems("name,sex\n张三,男\n".encode(), world.b1)
    assert problems == ["文件：文件不是 Excel 工作簿（.xlsx），请用 Excel 或 WPS“另存为 .xlsx”后再上传。"]


def test_too_many_rows_are_refused(world, monkeypatch):
    monkeypatch.setattr("members.imports.MAX_ROWS", 3)
    problems = _problems(workbook(many_rows(5)), world.b1)
    assert problems == ["文件：行数超过 4 行，请拆分后再导入。"]


# Writing: one transaction or nothing -------------------------------------------------------------------


def test_one_bad_row_among_a_thousand_writes_zero_rows(world, branch_secretary):
    rows = many_rows(1000)
    rows[637][HEADERS.index("性别")] = "未知"
    data = workbook(rows)
    result = check_rows(data, org=world.b1)
    assert [str(p) for p in result.problems] == ["第639行，性别：“未知”不在可选项中（男、女）"]
    with pytest.raises(ValidationError):
        import_commit(data, org=world.b1, by=branch_secretary)
    assert Member.objects.count() == 0


def test_a_failure_while_writing_rolls_back_every_row(world, branch_secretary, monkeypatch):
    """If a service refuses a row at write time (a race), the rows written before it are undone."""
    from members import imports

    calls = {"n": 0}
    real_create = imports.member_create

    def flaky_create(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ValidationError({"id_number": ["并发冲突"]})
        return real_create(**kwargs)

    monkeypatch.setattr(imports, "member_create", flaky_create)
    with pytest.raises(ValidationError):
        import_commit(workbook(many_rows(5)), org=world.b1, by=branch_secretary)
    assert Member.objects.count() == 0


def test_good_import_writes_members_encrypted_at_rest_with_history(world, branch_secretary):
    data = workbook([roster_row(党小组="甲村第一党小组")])
    result = import_commit(data, org=world.b1, by=branch_secretary)
    assert result.created == 1
    member = Member.objects.get()
    assert member.branch == world.b1 and member.group == world.g1 and member.name_initials == "zs"
    assert member.memberships.get().start_reason == "花名册导入"
    assert member.history.get().history_user == branch_secretary
    id_number = roster_row()[5]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM members_member WHERE id = %s", [member.pk])
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert id_number not in raw and "13912345678" not in raw


def test_reimporting_the_same_people_updates_them_instead_of_duplicating(world, branch_secretary):
    rows = many_rows(20)
    import_commit(workbook(rows), org=world.b1, by=branch_secretary)
    history_before = Member.history.count()

    again = import_commit(workbook(rows), org=world.b1, by=branch_secretary)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
    assert Member.objects.count() == 20 and Member.history.count() == history_before

    rows[3][HEADERS.index("家庭住址")] = "甲村二社"
    rows[4][HEADERS.index("联系电话")] = "13800000000"
    changed = import_commit(workbook(rows), org=world.b1, by=branch_secretary)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 2, 18)
    assert Member.objects.count() == 20
    assert Member.objects.get(name="党员3").address == "甲村二社"
    assert Member.objects.get(name="党员4").phone == "13800000000"


# The command line ------------------------------------------------------------------------------------


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_members", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_cli_imports_a_good_file_with_exit_status_0(world, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(workbook(many_rows(3)))
    code, out, _ = _run(str(path), "--org", world.b1.code, "--dry-run")
    assert code == 0 and "新增 3" in out and Member.objects.count() == 0
    code, out, _ = _run(str(path), "--org", world.b1.code)
    assert code == 0 and "新增 3" in out and Member.objects.count() == 3


def test_cli_prints_one_line_per_problem_and_exits_1_writing_nothing(world, tmp_path):
    rows = many_rows(3)
    rows[1][HEADERS.index("学历")] = "小学"
    rows[2][HEADERS.index("姓名")] = ""
    path = tmp_path / "roster.xlsx"
    path.write_bytes(workbook(rows))
    code, out, err = _run(str(path), "--org", world.b1.code)
    assert code == 1
    assert out.splitlines() == [
        "第3行，学历：“小学”不在可选项中（研究生、大学本科、大学专科、中专、高中、中技、初中及以下）",
        "第4行，姓名：必填",
    ]
    assert "发现 2 个问题，未写入任何数据" in err and Member.objects.count() == 0


def test_cli_writes_the_template(tmp_path, db):
    path = tmp_path / "template.xlsx"
    code, _, _ = _run("--template", str(path))
    assert code == 0
    assert [c.value for c in openpyxl.load_workbook(path).worksheets[0][1]] == HEADERS


# The pages -------------------------------------------------------------------------------------------


def _upload(client, org, data, name="roster.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(f"/members/org/{org.pk}/import/", {"file": SimpleUploadedFile(name, data)}, format="multipart")


def test_upload_preview_commit(world, branch_secretary, client_for):
    client = client_for(branch_secretary)
    assert client.get(f"/members/org/{world.b1.pk}/import/").status_code == 200
    template = client.get(f"/members/org/{world.b1.pk}/import/template/")
    assert template.status_code == 200 and template.content.startswith(b"PK")

    response = _upload(client, world.b1, workbook([roster_row()]))
    pending = MemberImport.objects.get()
    assert response.url == f"/members/imports/{pending.pk}/"
    preview = client.get(response.url)
    text = preview.content.decode()
    assert "新增 1" in text and "6201" in text and roster_row()[5] not in text  # masked in the preview
    assert Member.objects.count() == 0

    raw = bytes(MemberImport.objects.values_list("content", flat=True).get())
    assert not raw.startswith(b"PK") and roster_row()[5].encode() not in raw  # encrypted while it waits

    committed = client.post(response.url)
    assert committed.status_code == 302 and Member.objects.count() == 1
    pending.refresh_from_db()
    assert pending.committed_at and pending.content == b"" and pending.created_count == 1
    assert client.get(response.url).status_code == 404  # done: cannot be committed twice


def test_preview_shows_every_bad_cell_and_commit_writes_nothing(world, branch_secretary, client_for):
    client = client_for(branch_secretary)
    rows = many_rows(3)
    rows[1][HEADERS.index("性别")] = "未知"
    response = _upload(client, world.b1, workbook(rows))
    text = client.get(response.url).content.decode()
    assert "第3行，性别：“未知”不在可选项中（男、女）" in text and "确认导入" not in text
    assert client.post(response.url).status_code == 200
    assert Member.objects.count() == 0


def test_upload_refuses_other_extensions_and_keeps_nothing(world, branch_secretary, client_for):
    response = _upload(client_for(branch_secretary), world.b1, b"PK\x03\x04junk", name="roster.xls")
    assert response.status_code == 200 and "只接受 .xlsx" in response.content.decode()
    assert MemberImport.objects.count() == 0


def test_only_the_owner_sees_a_pending_import(world, branch_secretary, township_secretary, client_for):
    response = _upload(client_for(branch_secretary), world.b1, workbook([roster_row()]))
    assert client_for(township_secretary).get(response.url).status_code == 404
    assert client_for(township_secretary).post(response.url).status_code == 404
    assert Member.objects.count() == 0


def test_a_pending_import_expires_after_a_day(world, branch_secretary, client_for):
    import datetime as dt

    from django.utils import timezone

    client = client_for(branch_secretary)
    response = _upload(client, world.b1, workbook([roster_row()]))
    MemberImport.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert client.get(response.url).status_code == 404
    _upload(client, world.b1, workbook([roster_row()]))
    assert MemberImport.objects.count() == 1  # the stale one was purged


def test_organizer_without_members_write_cannot_import(world, branch_organizer, client_for):
    assert client_for(branch_organizer).get(f"/members/org/{world.b1.pk}/import/").status_code == 404


def test_import_into_a_deactivated_branch_is_refused(world):
    closed = OrganizationFactory(parent=world.t1, name="撤销村党支部", code="C0109", is_active=False)
    assert "第2行，所在党支部：“撤销村党支部”不是本组织下的党支部" in _one_problem(world.t1, branch=closed.name)


# Uploads are checked before they are stored and do not pile up (issue 15 §1-2) ------------------------------


def test_an_upload_with_the_wrong_headers_is_refused_and_nothing_is_stored(world, branch_secretary, client_for):
    response = _upload(client_for(branch_secretary), world.b1, workbook([["x"]], headers=["甲", "乙"]))
    assert response.status_code == 200 and "表头与模板不一致" in response.content.decode()
    assert MemberImport.objects.count() == 0


def test_an_upload_wider_than_the_template_is_refused_and_nothing_is_stored(world, branch_secretary, client_for):
    rows = [[*roster_row(), "备注"]]
    response = _upload(client_for(branch_secretary), world.b1, workbook(rows, headers=[*HEADERS, "备注"]))
    assert response.status_code == 200 and "请删除模板以外的列后再导入" in response.content.decode()
    assert MemberImport.objects.count() == 0


def test_a_new_upload_replaces_the_users_earlier_pending_one_for_that_branch(world, branch_secretary, client_for):
    client = client_for(branch_secretary)
    _upload(client, world.b1, workbook([roster_row()]))
    second = _upload(client, world.b1, workbook([roster_row(name="李四")]))
    assert list(MemberImport.objects.values_list("pk", flat=True)) == [int(second.url.rstrip("/").split("/")[-1])]


def test_pending_uploads_per_user_are_limited(world, branch_secretary):
    from members.imports import MAX_PENDING_PER_USER, import_upload

    data = workbook([roster_row()])
    others = [world.b2, world.t1, world.county]
    assert len(others) == MAX_PENDING_PER_USER
    for branch in others:
        import_upload(by=branch_secretary, org=branch, filename="a.xlsx", content=data)
    with pytest.raises(ValidationError, match="尚未确认的花名册导入"):
        import_upload(by=branch_secretary, org=world.b1, filename="a.xlsx", content=data)
    assert MemberImport.objects.count() == MAX_PENDING_PER_USER


def test_the_hourly_job_purges_uploads_past_their_day_without_anyone_uploading(world, branch_secretary):
    from django.utils import timezone

    from members.imports import import_upload
    from members.tasks import imports_purge_task

    data = workbook([roster_row()])
    old = import_upload(by=branch_secretary, org=world.b1, filename="a.xlsx", content=data)
    fresh = import_upload(by=branch_secretary, org=world.b2, filename="b.xlsx", content=data)
    MemberImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert imports_purge_task.delay().get() == 1
    assert list(MemberImport.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_a_5000_row_roster_is_parsed_within_a_memory_bound():
    import tracemalloc

    from partywork.xlsx import read_rows

    data = workbook(many_rows(5000))
    tracemalloc.start()
    try:
        rows = list(read_rows(data, max_rows=5001, max_cols=len(HEADERS)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(rows) == 5001 and all(len(values) == len(HEADERS) for _number, values in rows)
    assert peak < 20 * 1024 * 1024, peak  # about 7 MB measured
