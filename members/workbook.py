"""The roster workbook (党员花名册): one layout for the import template, the import and the export, so an
export can be imported again. Reading an upload is `members.imports`."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.worksheet.datavalidation import DataValidation

from branches.models import Organization
from partywork.xlsx import Sheet, write_workbook

from .models import Member, MemberStatus
from .rules import ETHNICITIES, Education, Occupation, Sex, make_id_number

# Rows of one workbook at most: the import reads no more, the template's drop-down lists cover as many.
MAX_ROWS = 5000
# The template's example row starts with this mark and is skipped on import.
EXAMPLE_MARK = "（示例行，导入时忽略）"
EXAMPLE_NAME = "张三"
EXAMPLE_ID = make_id_number(region="620102", birth_date=datetime.date(1980, 5, 1), sequence=1, sex="M")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False


# One layout for the template, the import and the export, so an export can be imported again.
COLUMNS = [
    Column("branch", "所在党支部", 22),
    Column("name", "姓名", 10, True),
    Column("sex", "性别", 6, True),
    Column("ethnicity", "民族", 10, True),
    Column("birth_date", "出生日期", 12, True),
    Column("id_number", "身份证号码", 22, True),
    Column("phone", "联系电话", 15),
    Column("education", "学历", 12, True),
    Column("occupation", "职业", 16, True),
    Column("work_unit", "工作单位及职务", 20),
    Column("address", "家庭住址", 24),
    Column("status", "党员类别", 10, True),
    Column("joined_on", "入党日期", 12, True),
    Column("confirmed_on", "转正日期", 12),
    Column("group", "党小组", 14),
]
HEADERS = [c.header for c in COLUMNS]
HEADER_OF = {c.key: c.header for c in COLUMNS}
CODED = {
    "sex": Sex,
    "education": Education,
    "occupation": Occupation,
    "status": MemberStatus,
}


def labels_of(choices) -> dict[str, str]:
    return {str(label): value for value, label in choices.choices}


def _letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.key for c in COLUMNS].index(key) + 1)


def _list_validation(key: str, formula: str, rows: int = MAX_ROWS + 1) -> DataValidation:
    letter = _letter(key)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.error = _("请从下拉列表中选择")
    validation.errorTitle = _("输入有误")
    validation.showErrorMessage = True
    validation.add(f"{letter}2:{letter}{rows}")
    return validation


def _validations(groups: list[str]) -> list[DataValidation]:
    validations = [_list_validation(key, _inline(list(labels_of(choices)))) for key, choices in CODED.items()]
    # Excel limits an inline list to 255 characters: the 56 ethnic groups are a range on a second sheet.
    validations.append(_list_validation("ethnicity", f"'{OPTIONS_SHEET}'!$A$2:$A${len(ETHNICITIES) + 1}"))
    if groups and len(",".join(groups)) <= 250:
        validations.append(_list_validation("group", _inline(groups)))
    return validations


def _inline(options: list[str]) -> str:
    return '"' + ",".join(options) + '"'


OPTIONS_SHEET = "选项"


def _options_sheet() -> Sheet:
    return Sheet(title=OPTIONS_SHEET, headers=[_("民族")], rows=[[name] for name in ETHNICITIES], widths=[12])


def row_for(member: Member, *, full: bool) -> list:
    """One member as a row of the roster workbook; `full` writes the clear ID and phone numbers."""
    return [
        member.branch.name,
        member.name,
        member.get_sex_display(),
        member.ethnicity,
        member.birth_date,
        member.id_number if full else member.id_number_masked,
        (member.phone if full else member.phone_masked) or "",
        member.get_education_display(),
        member.get_occupation_display(),
        member.work_unit,
        member.address,
        member.get_status_display(),
        member.joined_on,
        member.confirmed_on,
        member.group.name if member.group else "",
    ]


def template_bytes(*, org: Organization | None = None) -> bytes:
    """The import template: Chinese headers, one example row, drop-down lists for the coded columns."""
    groups = []
    if org is not None:
        groups = _group_names(org)
    example = [
        EXAMPLE_MARK,
        EXAMPLE_NAME,
        "男",
        "汉族",
        datetime.date(1980, 5, 1),
        EXAMPLE_ID,
        "13900000000",
        "高中、中技",
        "农牧渔民",
        "",
        "红岭村一社",
        "正式党员",
        datetime.date(2010, 7, 1),
        datetime.date(2011, 7, 1),
        groups[0] if groups else "",
    ]
    sheet = Sheet(
        title=_("党员花名册"),
        headers=HEADERS,
        rows=[example],
        widths=[c.width for c in COLUMNS],
        validations=_validations(groups),
    )
    return write_workbook([sheet, _options_sheet()])


def _group_names(org: Organization) -> list[str]:
    """Names of the active party groups under `org`, for the template's drop-down list."""
    return list(
        Organization.objects.subtree(org).groups().active().order_by("name").values_list("name", flat=True).distinct()
    )


def roster_sheet(rows, *, org: Organization) -> Sheet:
    groups = _group_names(org)
    return Sheet(
        title=_("党员花名册"),
        headers=HEADERS,
        rows=rows,
        widths=[c.width for c in COLUMNS],
        validations=_validations(groups),
    )
