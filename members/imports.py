"""Importing the roster workbook (党员花名册), used by both the upload page and `manage.py import_members`.
Every row is checked with `member_errors` before anything is written; the commit writes every row in one
transaction or nothing (issue 3 "Bad input"). The workbook's layout is `members.workbook`."""

import base64
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.models import Organization
from branches.rules import MEMBER_HOLDING_KINDS
from partywork.xlsx import read_rows

from . import crypto
from .models import Member, MemberImport
from .rules import ETHNICITIES, mask_id_number, mask_phone, normalize_id_number, normalize_phone
from .services import MEMBER_FIELDS, member_create, member_errors, member_update, not_addable_here
from .workbook import CODED, COLUMNS, EXAMPLE_ID, EXAMPLE_MARK, EXAMPLE_NAME, HEADER_OF, HEADERS, MAX_ROWS, labels_of

# Pending uploads ----------------------------------------------------------------------------------
# A workbook waiting for its commit holds clear ID numbers, so it is kept encrypted like the member
# rows (DOMAIN §8), and for a day at most.
PENDING_HOURS = 24


def seal(data: bytes) -> bytes:
    return crypto.encrypt(base64.b64encode(data).decode()).encode()


def unseal(blob: bytes) -> bytes:
    return base64.b64decode(crypto.decrypt(bytes(blob).decode()))


# Reading -------------------------------------------------------------------------------------------


@dataclass
class Problem:
    row: int
    column: str
    reason: str

    def __str__(self):
        if not self.row:  # about the whole file
            return _("%(column)s：%(reason)s") % {"column": self.column, "reason": self.reason}
        return _("第%(row)d行，%(column)s：%(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class ImportRow:
    number: int
    values: dict
    data: dict = field(default_factory=dict)
    branch: Organization | None = None
    existing: Member | None = None
    action: str = ""  # create, update, unchanged, error
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def action_label(self) -> str:
        return {
            "create": _("新增"),
            "update": _("更新"),
            "unchanged": _("无变化"),
        }.get(self.action, _("有错误"))

    @property
    def cells(self) -> list[tuple[str, str, str]]:
        """(header, shown value, problem) per column, for the preview; ID and phone shown masked."""
        reasons = {}
        for problem in self.problems:
            reasons.setdefault(problem.column, []).append(problem.reason)
        shown = []
        for column in COLUMNS:
            value = self.values.get(column.key)
            text = _show(value)
            if column.key == "id_number" and text:
                text = mask_id_number(text)
            elif column.key == "phone" and text:
                text = mask_phone(text)
            shown.append((column.header, text, "；".join(reasons.get(column.header, []))))
        return shown


@dataclass
class ImportResult:
    rows: list[ImportRow]
    problems: list[Problem]  # file-level and row-level, in row order

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def bad(self) -> int:
        return sum(1 for row in self.rows if row.problems)


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _show(value).replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").rstrip("日")
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return datetime.date(year, month, day)
    except (ValueError, TypeError) as error:
        raise ValueError(_("日期格式不正确，应为 2001-07-01")) from error


def _text_number(value, header: str) -> str:
    # An 18-digit ID typed as a number has already lost its last digits in Excel.
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(_("请将%(column)s列设为文本格式后重新填写") % {"column": header})
    if isinstance(value, float) and value >= 1e15:
        raise ValueError(_("数字过长已被 Excel 改写，请将本列设为文本格式后重新填写"))
    return _show(value)


def _branches_under(org: Organization) -> dict[str, Organization]:
    branches = Organization.objects.subtree(org).branches().active()
    found = {}
    for branch in branches:
        found.setdefault(branch.name, branch)
        found.setdefault(branch.code, branch)
        if branch.short_name:
            found.setdefault(branch.short_name, branch)
    return found


def _groups_under(org: Organization) -> dict[tuple[str, str], Organization]:
    groups = Organization.objects.subtree(org).groups().active()
    return {(group.path[: -Organization.steplen], group.name): group for group in groups}


def _row_branch(text: str, *, org: Organization, branches: dict, problem) -> Organization | None:
    """The branch a row goes to: the one named, or `org` itself when it is a branch and the cell is empty."""
    if text == EXAMPLE_MARK:
        # The example row was overwritten in place: its mark would otherwise send the row nowhere.
        problem("branch", _("请删除“示例行”标记，填写所在党支部（导入到本支部时可留空）"))
        text = ""
    if org.kind in MEMBER_HOLDING_KINDS and (not text or text in (org.name, org.code, org.short_name)):
        return org
    if not text:
        problem("branch", _("导入到乡镇或上级组织时须填写所在党支部"))
    elif text in branches:
        return branches[text]
    else:
        problem("branch", _("“%(name)s”不是本组织下的党支部") % {"name": text})
    return None


def _coded_values(values: dict, problem) -> dict:
    """The columns chosen from a list (sex, education...) and the ethnicity, as stored values."""
    data = {}
    for key, choices in CODED.items():
        text = _show(values[key])
        if text:
            labels = labels_of(choices)
            if text in labels:
                data[key] = labels[text]
            else:
                problem(
                    key, _("“%(value)s”不在可选项中（%(options)s）") % {"value": text, "options": "、".join(labels)}
                )
    ethnicity = _show(values["ethnicity"])
    if ethnicity:
        if ethnicity in ETHNICITIES:
            data["ethnicity"] = ethnicity
        elif f"{ethnicity}族" in ETHNICITIES:
            data["ethnicity"] = f"{ethnicity}族"
        else:
            problem("ethnicity", _("“%(value)s”不是56个民族之一") % {"value": ethnicity})
    return data


def _dates_and_numbers(values: dict, problem) -> dict:
    """The date columns as dates, the ID and phone numbers as normalised text."""
    data = {}
    for key in ("birth_date", "joined_on", "confirmed_on"):
        if _show(values[key]):
            try:
                data[key] = _date(values[key])
            except ValueError as error:
                problem(key, error)
        else:
            data[key] = None
    for key in ("id_number", "phone"):
        try:
            data[key] = _text_number(values[key], HEADER_OF[key])
        except ValueError as error:
            problem(key, error)
    data["id_number"] = normalize_id_number(data.get("id_number", ""))
    data["phone"] = normalize_phone(data.get("phone", ""))
    return data


def _parse_row(number: int, raw: tuple, *, org, branches, groups, today) -> ImportRow:
    """One row of the sheet: its values by column, the member data they give and a problem for each bad cell."""
    values = {column.key: (raw[index] if index < len(raw) else None) for index, column in enumerate(COLUMNS)}
    row = ImportRow(number=number, values=values)

    def problem(key, reason):
        row.problems.append(Problem(number, HEADER_OF.get(key, key), str(reason)))

    for column in COLUMNS:
        if column.required and not _show(values[column.key]):
            problem(column.key, _("必填"))
    row.branch = _row_branch(_show(values["branch"]), org=org, branches=branches, problem=problem)
    data = {key: _show(values[key]) for key in ("name", "work_unit", "address")}
    data.update(_coded_values(values, problem))
    data.update(_dates_and_numbers(values, problem))
    group_name = _show(values["group"])
    data["group"] = None
    if group_name and row.branch is not None:
        group = groups.get((row.branch.path, group_name))
        if group is None:
            problem("group", _("本支部没有名为“%(name)s”的党小组") % {"name": group_name})
        else:
            data["group"] = group
    row.data = data
    return row


def _is_untouched_example(raw: tuple) -> bool:
    values = [_show(value) for value in raw[:6]] + [""] * 6
    return values[0] == EXAMPLE_MARK and values[1] == EXAMPLE_NAME and values[5] == EXAMPLE_ID


def _same(member: Member, data: dict) -> bool:
    for key in MEMBER_FIELDS:
        if key == "id_number":
            continue
        if key == "phone":
            if normalize_phone(member.phone) != data["phone"]:
                return False
        elif key == "group":
            if member.group_id != (data["group"].pk if data["group"] else None):
                return False
        elif getattr(member, key) != data.get(key):
            return False
    return True


def _sheet_refusal(raw_rows: list) -> Problem | None:
    """Why the workbook cannot be read as a roster at all (empty, or not the template's headers)."""
    if not raw_rows:
        return Problem(0, _("文件"), _("工作簿是空的"))
    headers = [_show(value) for value in raw_rows[0][1]]
    if headers[: len(HEADERS)] != HEADERS:
        missing = [h for h in HEADERS if h not in headers]
        reason = _("表头与模板不一致，请使用下载的模板")
        if missing:
            reason += _("（缺少：%(columns)s）") % {"columns": "、".join(missing)}
        return Problem(1, _("表头"), reason)
    return None


def _check_against_roll(rows: list[ImportRow], *, today: datetime.date) -> None:
    """Find each row's member on file by ID number (one query), refuse duplicates within the sheet and people
    registered in another branch, then check each good row as the services would."""
    hashes = {crypto.blind_index(row.data["id_number"]): row for row in rows if row.data.get("id_number")}
    existing = {
        m.id_number_hash: m for m in Member.objects.filter(id_number_hash__in=list(hashes)).select_related("branch")
    }
    seen: dict[str, int] = {}
    id_header = HEADER_OF["id_number"]
    for row in rows:
        number = row.data.get("id_number")
        key = crypto.blind_index(number) if number else ""
        if key and key in seen:
            row.problems.append(Problem(row.number, id_header, _("与第%(row)d行身份证号码重复") % {"row": seen[key]}))
            continue
        if key:
            seen[key] = row.number
        member = existing.get(key) if key else None
        if member is not None and row.branch is not None and member.branch_id != row.branch.pk:
            row.problems.append(Problem(row.number, id_header, not_addable_here()))
            continue
        row.existing = member
        if row.branch is None or row.problems:
            continue
        for field_name, reasons in member_errors(row.data, branch=row.branch, today=today, instance=member).items():
            column = id_header if field_name == "id_number" else HEADER_OF.get(field_name)
            for reason in reasons:
                row.problems.append(Problem(row.number, column or field_name, reason))


def _action(row: ImportRow) -> str:
    if row.problems:
        return "error"
    if row.existing is None:
        return "create"
    return "unchanged" if _same(row.existing, row.data) else "update"


def upload_check(data: bytes) -> None:
    """Refuse, before anything is stored, a file that cannot be a roster: not a safe .xlsx, wider or longer
    than the template, or without the template's headers. Reads the rows without keeping them."""
    header = None
    for number, values in read_rows(data, max_rows=MAX_ROWS + 1, max_cols=len(HEADERS)):
        if number == 1:
            header = (number, values)
    refusal = _sheet_refusal([header] if header else [])
    if refusal is not None:
        raise ValidationError(str(refusal))


MAX_PENDING_PER_USER = 3


@transaction.atomic
def import_upload(*, by, org: Organization, filename: str, content: bytes) -> MemberImport:
    """Keep a checked upload for its preview, sealed. A new upload replaces the same user's earlier pending one
    for the organisation; beyond MAX_PENDING_PER_USER pending uploads in all, the upload is refused."""
    imports_purge_stale()
    mine = list(
        MemberImport.objects.select_for_update()
        .filter(owner=by, committed_at__isnull=True)
        .only("pk", "organization_id")
    )
    replaced = [pending.pk for pending in mine if pending.organization_id == org.pk]
    MemberImport.objects.filter(pk__in=replaced).delete()
    if len(mine) - len(replaced) >= MAX_PENDING_PER_USER:
        raise ValidationError(
            _("您已有 %(count)d 个尚未确认的花名册导入，请先在其预览页确认导入，或等待其 %(hours)d 小时后失效。")
            % {"count": MAX_PENDING_PER_USER, "hours": PENDING_HOURS}
        )
    return MemberImport.objects.create(owner=by, organization=org, filename=filename[:200], content=seal(content))


def imports_purge_stale(*, now: datetime.datetime | None = None) -> int:
    """Delete uploads left uncommitted past their day, so no roster bytes linger. Run by the hourly job."""
    stale = (now or timezone.now()) - datetime.timedelta(hours=PENDING_HOURS)
    deleted, _by_model = MemberImport.objects.filter(committed_at__isnull=True, created_at__lt=stale).delete()
    return deleted


def check_rows(data: bytes, *, org: Organization, today: datetime.date | None = None) -> ImportResult:
    """Parse and check every row of an uploaded roster; writes nothing."""
    today = today or timezone.localdate()
    try:
        raw_rows = list(read_rows(data, max_rows=MAX_ROWS + 1, max_cols=len(HEADERS)))
    except ValidationError as error:
        return ImportResult(rows=[], problems=[Problem(0, _("文件"), message) for message in error.messages])
    refusal = _sheet_refusal(raw_rows)
    if refusal is not None:
        return ImportResult(rows=[], problems=[refusal])
    branches = _branches_under(org)
    groups = _groups_under(org)
    rows = [
        _parse_row(number, raw, org=org, branches=branches, groups=groups, today=today)
        for number, raw in raw_rows[1:]
        if any(_show(value) for value in raw) and not _is_untouched_example(raw)
    ]
    if not rows:
        return ImportResult(rows=[], problems=[Problem(0, _("文件"), _("没有数据行"))])
    _check_against_roll(rows, today=today)
    for row in rows:
        row.action = _action(row)
    return ImportResult(rows=rows, problems=[problem for row in rows for problem in row.problems])


def import_commit(data: bytes, *, org: Organization, by) -> ImportResult:
    """Write every row of a roster workbook in one transaction, or nothing when any row is bad. Caller holds
    members.write on `org`."""
    with transaction.atomic():
        result = check_rows(data, org=org)
        if not result.ok:
            raise ValidationError([str(problem) for problem in result.problems] or [_("没有可导入的数据")])
        for row in result.rows:
            fields = {key: row.data[key] for key in MEMBER_FIELDS}
            if row.action == "create":
                member_create(by=by, branch=row.branch, start_reason=_("花名册导入"), **fields)
            elif row.action == "update":
                member_update(by=by, member=row.existing, **fields)
    return result
