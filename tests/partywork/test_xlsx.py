import datetime
import io
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
