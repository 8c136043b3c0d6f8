import datetime
import io
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from partywork.xlsx import Sheet, check_xlsx_package, read_rows, write_workbook


def _read(data):
    return load_workbook(io.BytesIO(data))


def test_written_cells_keep_their_types():
    data = write_workbook(
        [
            Sheet(
                "名册",
                ["姓名", "金额", "日期"],
                [["张三", Decimal("15.00"), datetime.date(2026, 1, 1)]],
                title_line="标题",
            )
        ]
    )
    ws = _read(data)["名册"]
    assert ws["A1"].value == "标题"
    assert [c.value for c in ws[2]] == ["姓名", "金额", "日期"]
    assert ws["B3"].value == 15 and ws["B3"].number_format == "#,##0.00"
    assert ws["C3"].value.date() == datetime.date(2026, 1, 1)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_user_text_never_becomes_a_formula(text):
    ws = _read(write_workbook([Sheet("s", ["h"], [[text]])]))["s"]
    assert ws["A2"].data_type == "s"
    assert ws["A2"].value == text


def _xlsx_bytes(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_read_rows_gives_values_with_row_numbers():
    rows = list(read_rows(_xlsx_bytes([["a", 1], ["b", 2]]), max_rows=10))
    assert rows == [(1, ("a", 1)), (2, ("b", 2))]


def test_formulas_are_not_evaluated():
    data = _xlsx_bytes([["=1+1"]])
    assert list(read_rows(data, max_rows=10)) == [(1, (None,))]


def test_too_many_rows_refused():
    with pytest.raises(ValidationError):
        list(read_rows(_xlsx_bytes([[i] for i in range(20)]), max_rows=10))


def test_renamed_file_refused_before_parsing():
    with pytest.raises(ValidationError) as error:
        check_xlsx_package("姓名,性别\n张三,男".encode())
    assert "不是 Excel" in error.value.messages[0]


def test_macro_workbook_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "x")
        archive.writestr("xl/vbaProject.bin", b"\0")
    with pytest.raises(ValidationError) as error:
        check_xlsx_package(buffer.getvalue())
    assert "宏" in error.value.messages[0]


def test_zip_bomb_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "x")
        archive.writestr("xl/big.xml", b"0" * (60 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        check_xlsx_package(buffer.getvalue())
    assert "过大" in error.value.messages[0]


def test_other_zip_package_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "application/vnd.openxmlformats-officedocument.wordprocessingml")
    with pytest.raises(ValidationError):
        check_xlsx_package(buffer.getvalue())


# Uploads cannot exhaust the server (issue 15 §1): width and length are bounded whatever the sheet claims --


def _raw_sheet(rows: int, *, dimension: str | None, column: str = "XFD") -> bytes:
    """An .xlsx whose first sheet holds one number per row in `column`, declaring `dimension` (or nothing):
    the shape of the 30 KB file that once inflated a web process to 824 MB."""
    cells = "".join(f'<row r="{r}"><c r="{column}{r}"><v>1</v></c></row>' for r in range(1, rows + 1))
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{declared}<sheetData>{cells}</sheetData></worksheet>"
    )
    source = zipfile.ZipFile(io.BytesIO(_xlsx_bytes([["a"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = sheet.encode() if entry.filename == "xl/worksheets/sheet1.xml" else source.read(entry)
            target.writestr(entry, content)
    return buffer.getvalue()


def _peak_bytes(function) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _consume(data, **bounds):
    try:
        return sum(1 for _row in read_rows(data, **bounds))
    except ValidationError as error:
        return error.messages


def test_a_sheet_declaring_16384_columns_is_refused_before_any_row_is_read():
    data = _raw_sheet(5000, dimension="A1:XFD5000")
    assert len(data) < 60_000  # small on the wire, as in the finding
    messages, peak = _peak_bytes(lambda: _consume(data, max_rows=5001, max_cols=30))
    assert messages == ["工作表有 16384 列，超过模板的 30 列。请删除模板以外的列（包括设置过格式的空列）后再导入。"]
    assert peak < 5 * 1024 * 1024


def test_a_sheet_without_a_dimension_is_read_only_to_the_template_width():
    data = _raw_sheet(5000, dimension=None)
    rows, peak = _peak_bytes(lambda: list(read_rows(data, max_rows=5001, max_cols=30)))
    assert len(rows) == 5000 and all(values == (None,) * 30 for _number, values in rows)
    assert peak < 20 * 1024 * 1024  # 5,000 rows of 30 cells, not of 16,384


def test_content_just_past_the_template_columns_is_refused_with_its_row():
    data = _raw_sheet(3, dimension=None, column="D")
    assert _consume(data, max_rows=10, max_cols=3) == ["第1行在模板的 3 列之外还有内容，请删除模板以外的列后再导入。"]
    assert _consume(data, max_rows=10, max_cols=4) == 3


def test_reading_stops_one_row_past_the_limit_whatever_the_sheet_declares():
    data = _raw_sheet(5000, dimension="A1:A3", column="A")
    assert _consume(data, max_rows=10, max_cols=1) == ["行数超过 10 行，请拆分后再导入。"]
