import datetime

import pytest

from members import rules
from partywork.dates import add_months, add_years

TODAY = datetime.date(2026, 11, 26)


def test_gb11643_check_digit():
    # The standard's own example: 11010519491231002X.
    assert rules.id_check_digit("11010519491231002") == "X"
    assert rules.id_number_errors("11010519491231002X", today=TODAY) == []


def test_lowercase_x_is_accepted_as_capital():
    assert rules.id_number_errors("11010519491231002x", today=TODAY) == []
    assert rules.normalize_id_number(" 11010519491231002x ") == "11010519491231002X"


@pytest.mark.parametrize(
    "number,reason",
    [
        ("1101051949123100", "18位"),
        ("11010519491231002Y", "数字"),
        ("110105194902300021", "不存在"),
        ("110105203001010011", "不合理"),
        ("110105194912310021", "校验位"),
    ],
)
def test_invalid_id_numbers_say_why(number, reason):
    errors = rules.id_number_errors(number, today=TODAY)
    assert errors and reason in errors[0]


def test_birth_date_and_sex_must_agree_with_id():
    number = "11010519491231002X"  # born 1949-12-31, 17th digit 2: a woman
    assert rules.id_disagreements(number, birth_date=datetime.date(1949, 12, 31), sex="F") == []
    problems = rules.id_disagreements(number, birth_date=datetime.date(1950, 1, 1), sex="M")
    assert len(problems) == 2


def test_generated_ids_are_valid_and_agree():
    for sequence in range(30):
        for sex in ("M", "F"):
            birth = datetime.date(1980, 2, 29)
            number = rules.make_id_number(region="620102", birth_date=birth, sequence=sequence, sex=sex)
            assert rules.id_number_errors(number, today=TODAY) == []
            assert rules.id_disagreements(number, birth_date=birth, sex=sex) == []


def test_masking_shows_first_and_last_four():
    assert rules.mask_id_number("620102198001010019") == "6201**********0019"
    assert rules.mask_phone("13912345678") == "139****5678"


def test_phone_formats():
    assert rules.phone_errors("13912345678") == []
    assert rules.phone_errors("0931-8123456") == []
    assert rules.phone_errors("12345") != []


def test_age_bands_of_the_statistics_tables():
    assert rules.age_band(30) == "30岁及以下"
    assert rules.age_band(31) == "31-35岁"
    assert rules.age_band(71) == "71岁及以上"
    assert rules.age_on(datetime.date(2008, 11, 27), TODAY) == 17


def test_month_arithmetic_clamps_to_month_end():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
