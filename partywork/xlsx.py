"""The one place that reads and writes .xlsx files.

Writing: openpyxl write-only mode, so memory stays flat whatever the size; numbers and dates keep their
type with a number format; text from users is always a string cell, never a formula.
Reading: uploads are checked as real .xlsx zip packages (size, entry count, uncompressed size, no macros)
before openpyxl parses them (read-only, cached values only, XML through defusedxml)."""

import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@")
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 200
XLSX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: Iterable[list]
    widths: list[int] = field(default_factory=list)
    title_line: str = ""  # an optional first line above the headers (the ledger's name and period)
    footer: list[list] = field(default_factory=list)
    validations: list = field(default_factory=list)  # openpyxl DataValidation objects
    landscape: bool = False  # print on A4 landscape, one page wide, the title and header rows on every page


def _cell(ws, value, *, bold=False):
    if isinstance(value, bool):
        value = "是" if value else "否"
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        # User text is data, not a formula, whatever it begins with.
        cell.data_type = "s"
    elif isinstance(value, Decimal):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_workbook(sheets: Iterable[Sheet], *, progress=None) -> bytes:
    """Write the sheets to .xlsx bytes. `progress(n)` is called every 500 rows with the rows written."""
    workbook = Workbook(write_only=True)
    written = 0
    for sheet in sheets:
        ws = workbook.create_sheet(title=sheet.title[:31])
        for index, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A3" if sheet.title_line else "A2"
        if sheet.landscape:
            ws.page_setup.orientation = "landscape"
            ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.print_title_rows = "1:2" if sheet.title_line else "1:1"
        for validation in sheet.validations:
            ws.data_validations.append(validation)
        if sheet.title_line:
            title = _cell(ws, sheet.title_line, bold=True)
            title.font = Font(bold=True, size=14)
            ws.append([title])
        header_cells = []
        for header in sheet.headers:
            cell = _cell(ws, header, bold=True)
            cell.fill = PatternFill("solid", fgColor="F2DCDB")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            header_cells.append(cell)
        ws.append(header_cells)
        for row in sheet.rows:
            ws.append([_cell(ws, value) for value in row])
            written += 1
            if progress and written % 500 == 0:
                progress(written)
        for row in sheet.footer:
            ws.append([_cell(ws, value, bold=True) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    if progress:
        progress(written)
    return buffer.getvalue()


def check_xlsx_package(data: bytes) -> None:
    """Refuse anything that is not a plain .xlsx before any XML is parsed."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("文件超过 5 MB，请拆分后再导入。"))
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(_("文件不是 Excel 工作簿（.xlsx），请用 Excel 或 WPS“另存为 .xlsx”后再上传。"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ValidationError(_("文件已损坏，无法打开。")) from error
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ValidationError(_("文件结构异常（条目过多），已拒绝。"))
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(_("文件解压后过大，已拒绝。"))
    names = {entry.filename for entry in entries}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(_("文件含有宏，已拒绝。请另存为不含宏的 .xlsx 文件。"))
    if "[Content_Types].xml" not in names:
        raise ValidationError(_("文件不是 Excel 工作簿（.xlsx）。"))
    content_types = archive.read("[Content_Types].xml")
    if XLSX_MAIN_TYPE.encode() not in content_types:
        raise ValidationError(_("文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件。"))


def read_rows(data: bytes, *, max_rows: int, max_cols: int | None = None) -> Iterator[tuple[int, tuple]]:
    """Yield (Excel row number, cell values) of the first sheet, cached values only (formulas are not
    evaluated). Raises ValidationError for a package that is not a safe .xlsx, has too many rows, or (with
    `max_cols`, the template's width) declares or holds cells beyond the template's columns.

    Memory stays bounded whatever the sheet claims: openpyxl pads every row to the declared width (a sheet
    declaring A1:XFD5000 would become 5,000 lists of 16,384 cells), so the width is refused before any row is
    read, rows are read at most one column past the template, and reading stops one row past the limit."""
    check_xlsx_package(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files; all mean the same to a user
        raise ValidationError(_("无法读取该工作簿：%(error)s") % {"error": error.__class__.__name__}) from error
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_column if max_cols else None
        if declared and declared > max_cols:
            raise ValidationError(
                _(
                    "工作表有 %(declared)d 列，超过模板的 %(max)d 列。"
                    "请删除模板以外的列（包括设置过格式的空列）后再导入。"
                )
                % {"declared": declared, "max": max_cols}
            )
        rows = sheet.iter_rows(values_only=True, max_row=max_rows + 1, max_col=max_cols + 1 if max_cols else None)
        for number, values in enumerate(rows, start=1):
            if number > max_rows:
                raise ValidationError(_("行数超过 %(max)d 行，请拆分后再导入。") % {"max": max_rows})
            if max_cols:
                if any(value not in (None, "") for value in values[max_cols:]):
                    raise ValidationError(
                        _("第%(row)d行在模板的 %(max)d 列之外还有内容，请删除模板以外的列后再导入。")
                        % {"row": number, "max": max_cols}
                    )
                values = tuple(values[:max_cols])
            yield number, values
    finally:
        workbook.close()
