"""Dues Rules (中组发〔2008〕3号, DOMAIN §3) as pure functions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dues import rules
from dues.rules import DEFAULT_PARAMS as P
from dues.rules import Bracket, Category, DuesParams, Stay, monthly_amount

D = Decimal


@pytest.mark.parametrize(
    "category",
    [Category.SALARIED, Category.FARMER_INCOME],
)
@pytest.mark.parametrize(
    "base,expected",
    [
        ("0.00", "0.00"),
        ("1.00", "0.01"),  # 0.005 rounds half-up to the fen
        ("2999.99", "15.00"),  # 14.99995 → 15.00
        ("3000.00", "15.00"),  # inclusive upper bound: 0.5%
        ("3000.01", "30.00"),  # flat on the whole base, not progressive: 1%
        ("5000.00", "50.00"),
        ("5000.01", "75.00"),  # 1.5% of 5000.01 = 75.00015
        ("10000.00", "150.00"),
        ("10000.01", "200.00"),  # 2%
        ("25000.00", "500.00"),
    ],
)
def test_salaried_brackets_are_flat_with_inclusive_upper_bounds(category, base, expected):
    """Dues Rules: ≤3000 0.5%, ≤5000 1%, ≤10000 1.5%, >10000 2%, on the whole base; farmers working away
    with an income declare it and use the salaried brackets."""
    assert monthly_amount(category, D(base), P) == D(expected)


@pytest.mark.parametrize(
    "base,expected",
    [
        ("0.00", "0.00"),
        ("2500.00", "12.50"),
        ("4999.99", "25.00"),
        ("5000.00", "25.00"),  # inclusive: 0.5%
        ("5000.01", "50.00"),  # 1% on the whole pension
        ("8000.00", "80.00"),
    ],
)
def test_retired_brackets_are_flat_with_inclusive_upper_bounds(base, expected):
    """Dues Rules: pension ≤5000 0.5%, >5000 1%."""
    assert monthly_amount(Category.RETIRED, D(base), P) == D(expected)


@pytest.mark.parametrize(
    "base,expected",
    [
        ("2345.67", "11.73"),  # 11.72835 → 11.73
        ("2345.50", "11.73"),  # 11.7275 → 11.73 (half-up)
        ("2345.30", "11.73"),  # 11.7265 → 11.73
        ("2344.90", "11.72"),  # 11.7245 → 11.72
        ("4321.05", "43.21"),  # 43.2105
        ("7777.70", "116.67"),  # 116.6655 → 116.67
    ],
)
def test_amounts_round_half_up_to_the_fen(base, expected):
    """Dues Rules: round half-up to the fen (never banker's rounding)."""
    assert monthly_amount(Category.SALARIED, D(base), P) == D(expected)


def test_money_rounds_half_up_and_refuses_floats():
    assert rules.money(D("0.005")) == D("0.01")
    assert rules.money(D("0.015")) == D("0.02")
    assert rules.money(D("2.675")) == D("2.68")
    with pytest.raises(TypeError):
        rules.money(0.1)
    with pytest.raises(TypeError):
        monthly_amount(Category.SALARIED, 3000.0, P)


@pytest.mark.parametrize("base", [None, D("0"), D("99999")])
def test_farmers_pay_the_provincial_fixed_amount_whatever_the_base(base):
    """Dues Rules: farmers pay a fixed 0.20–1.00 set by the province [local default 0.50]."""
    assert monthly_amount(Category.FARMER, base, P) == D("0.50")
    provincial = DuesParams(2026, P.salaried, P.retired, farmer_amount=D("1.00"), minimal_amount=D("0.20"))
    assert monthly_amount(Category.FARMER, base, provincial) == D("1.00")


@pytest.mark.parametrize("category", [Category.STUDENT, Category.UNEMPLOYED, Category.RELIEF])
def test_students_unemployed_and_relief_pay_twenty_fen(category):
    """Dues Rules: students, the unemployed and those on relief pay 0.20 a month."""
    assert monthly_amount(category, None, P) == D("0.20")
    assert monthly_amount(category, D("8000"), P) == D("0.20")


def test_a_base_category_needs_a_base():
    with pytest.raises(ValidationError):
        monthly_amount(Category.RETIRED, None, P)
    with pytest.raises(ValidationError):
        monthly_amount(Category.SALARIED, D("-1"), P)


def test_parameters_are_versioned_by_the_year_they_apply_from():
    """Parameters apply from their year on; earlier years keep the earlier version."""
    v2027 = DuesParams(
        2027,
        salaried=(Bracket(D("4000.00"), D("0.005")), Bracket(None, D("0.01"))),
        retired=P.retired,
        farmer_amount=D("0.80"),
        minimal_amount=D("0.20"),
    )
    versions = [P, v2027]
    assert rules.params_for_year(versions, 2026) is P
    assert rules.params_for_year(versions, 2027) is v2027
    assert rules.params_for_year(versions, 2030) is v2027
    assert monthly_amount(Category.SALARIED, D("3500"), rules.params_for_year(versions, 2026)) == D("35.00")
    assert monthly_amount(Category.SALARIED, D("3500"), rules.params_for_year(versions, 2027)) == D("17.50")
    with pytest.raises(ValidationError):
        rules.params_for_year(versions, 2000)


@pytest.mark.parametrize("value", ["0", "0.00", "-1", "-0.01"])
def test_amounts_must_be_positive(value):
    with pytest.raises(ValidationError, match="大于零"):
        rules.clean_amount(value)


@pytest.mark.parametrize("value", ["1.001", "15.005", "0.125"])
def test_amounts_have_at_most_two_decimals(value):
    with pytest.raises(ValidationError, match="两位小数"):
        rules.clean_amount(value)


def test_clean_amount_keeps_exact_decimals_and_refuses_floats():
    assert rules.clean_amount("15") == D("15.00")
    assert rules.clean_amount(D("15.50")) == D("15.50")
    assert rules.clean_amount("15.500") == D("15.50")
    with pytest.raises(ValidationError):
        rules.clean_amount("abc")
    with pytest.raises(ValidationError):
        rules.clean_amount("NaN")
    with pytest.raises(TypeError):
        rules.clean_amount(15.5)


def test_payment_window_is_six_months_either_way():
    """Dues Rules art. 12: back-payment generally not more than 6 months; advance up to 6 months [local]."""
    paid_on = datetime.date(2026, 11, 26)
    rules.check_payment_window(datetime.date(2027, 5, 1), paid_on=paid_on)  # 6 ahead
    rules.check_payment_window(datetime.date(2026, 5, 1), paid_on=paid_on)  # 6 behind
    with pytest.raises(ValidationError, match="最晚可预缴至 2027-05"):
        rules.check_payment_window(datetime.date(2027, 6, 1), paid_on=paid_on)
    with pytest.raises(ValidationError, match="最早可补缴 2026-05") as refused:
        rules.check_payment_window(datetime.date(2026, 4, 1), paid_on=paid_on)
    assert "超期补缴原因" in " ".join(refused.value.messages)  # says how to record the reason


@pytest.mark.parametrize(
    "paid_on,late",
    [
        (datetime.date(2026, 11, 30), False),  # the day before: 2026-05 is 6 months back
        (datetime.date(2026, 12, 1), True),  # the day: 7 months back
        (datetime.date(2026, 12, 2), True),  # the day after
    ],
)
def test_dues_rules_art_12_an_older_month_is_paid_only_with_the_branch_reason(paid_on, late):
    """Dues Rules art. 12: back-payment *generally* not more than 6 months, so an older month can still be
    paid with the branch's recorded reason; without one the refusal names the earliest month allowed."""
    month = datetime.date(2026, 5, 1)
    assert rules.is_late(month, paid_on=paid_on) is late
    if late:
        with pytest.raises(ValidationError, match="最早可补缴 2026-06"):
            rules.check_payment_window(month, paid_on=paid_on)
        with pytest.raises(ValidationError):
            rules.check_payment_window(month, paid_on=paid_on, late_reason="   ")
    else:
        rules.check_payment_window(month, paid_on=paid_on)
    rules.check_payment_window(month, paid_on=paid_on, late_reason="外出务工期间无法联系，支部会议认定")


@pytest.mark.parametrize(
    "today,last_ended",
    [
        (datetime.date(2026, 5, 31), datetime.date(2026, 4, 1)),  # the day before: May has not ended
        (datetime.date(2026, 6, 1), datetime.date(2026, 5, 1)),  # the day: May has ended
        (datetime.date(2026, 6, 2), datetime.date(2026, 5, 1)),  # the day after
    ],
)
def test_constitution_art_9_the_current_month_is_not_unpaid_until_it_ends(today, last_ended):
    """Constitution art. 9 (连续六个月不交纳党费): only months that have ended count as unpaid."""
    assert rules.last_ended_month(today) == last_ended
    owed = [datetime.date(2025, 12, 1), *(datetime.date(2026, m, 1) for m in range(1, 7))]
    run = rules.consecutive_unpaid(owed, {datetime.date(2025, 12, 1)}, until=rules.last_ended_month(today))
    assert run == last_ended.month
    assert rules.arrears_level(run) == ("" if run < 3 else "warning" if run < 6 else "escalation")


def test_tracking_starts_when_the_member_comes_onto_the_roll_never_before_the_county_epoch():
    """DOMAIN §3: a member without a standard still owes (未核定) from joining (Dues Rules: probationary members
    from the month of admission) or from arriving; the county's dues are kept from its earliest standard."""
    epoch = datetime.date(2025, 1, 1)
    new = rules.tracking_start(
        joined_on=datetime.date(2026, 3, 15),
        stays=[Stay(1, datetime.date(2026, 3, 15), None)],
        first_standard=None,
        epoch=epoch,
    )
    assert new == datetime.date(2026, 3, 1)
    veteran = rules.tracking_start(
        joined_on=datetime.date(1990, 7, 1),
        stays=[Stay(1, datetime.date(1990, 7, 1), None)],
        first_standard=datetime.date(2025, 1, 1),
        epoch=epoch,
    )
    assert veteran == epoch
    arrived = rules.tracking_start(
        joined_on=datetime.date(1990, 7, 1),
        stays=[Stay(2, datetime.date(2026, 4, 20), None)],
        first_standard=None,
        epoch=epoch,
    )
    assert arrived == datetime.date(2026, 4, 1)
    set_late = rules.tracking_start(
        joined_on=datetime.date(2026, 3, 15),
        stays=[Stay(1, datetime.date(2026, 3, 15), None)],
        first_standard=datetime.date(2027, 1, 1),
        epoch=epoch,
    )
    assert set_late == datetime.date(2026, 3, 1)  # a standard set late does not forgive the months before


def test_probationary_members_owe_from_the_month_of_admission():
    """Dues Rules: probationary members pay from the month the general meeting admits them."""
    stays = [Stay(1, datetime.date(2026, 3, 15), None)]
    joined = datetime.date(2026, 3, 15)
    assert rules.owing_org(stays, joined, datetime.date(2026, 2, 1)) is None
    assert rules.owing_org(stays, joined, datetime.date(2026, 3, 1)) == 1


def test_a_transfer_splits_the_months_between_branches():
    """The month of a transfer is owed to the branch left; the new branch from the following month; nothing
    after leaving the county."""
    joined = datetime.date(2010, 1, 1)
    stays = [
        Stay(1, datetime.date(2010, 1, 1), datetime.date(2026, 5, 20)),
        Stay(2, datetime.date(2026, 5, 20), datetime.date(2026, 9, 10)),
    ]
    assert rules.owing_org(stays, joined, datetime.date(2026, 4, 1)) == 1
    assert rules.owing_org(stays, joined, datetime.date(2026, 5, 1)) == 1
    assert rules.owing_org(stays, joined, datetime.date(2026, 6, 1)) == 2
    assert rules.owing_org(stays, joined, datetime.date(2026, 9, 1)) == 2
    assert rules.owing_org(stays, joined, datetime.date(2026, 10, 1)) is None


def test_consecutive_unpaid_months_and_levels():
    """Constitution art. 9: warn at 3 consecutive unpaid months, escalate at 6 (自行脱党)."""
    months = [datetime.date(2026, m, 1) for m in range(1, 12)]
    paid = {datetime.date(2026, m, 1) for m in range(1, 6)}  # Jan–May paid, Jun–Nov not
    run = rules.consecutive_unpaid(months, paid, until=datetime.date(2026, 11, 1))
    assert run == 6
    assert rules.arrears_level(run) == "escalation"
    assert rules.arrears_level(5) == "warning"
    assert rules.arrears_level(3) == "warning"
    assert rules.arrears_level(2) == ""
    assert rules.consecutive_unpaid(months, paid | {datetime.date(2026, 9, 1)}, until=datetime.date(2026, 11, 1)) == 2


def test_a_payment_of_one_thousand_yuan_goes_to_the_centre():
    """Dues Rules art. 11: a voluntary extra of 1000 yuan or more beyond the dues goes entirely to the Centre."""
    assert rules.is_centre_payment(D("1000.00"))
    assert not rules.is_centre_payment(None)  # no extra: regular dues alone, however large
    assert not rules.is_centre_payment(D("999.99"))


def test_paid_until_is_the_end_of_the_unbroken_run():
    months = [datetime.date(2026, m, 1) for m in range(1, 7)]
    assert rules.paid_until(months, set(months[:3])) == datetime.date(2026, 3, 1)
    assert rules.paid_until(months, set(months[1:])) is None


def test_brackets_without_an_open_top_are_refused_clearly():
    broken = DuesParams(
        2030,
        salaried=(Bracket(D("3000"), D("0.005")),),
        retired=P.retired,
        farmer_amount=D("0.5"),
        minimal_amount=D("0.2"),
    )
    assert monthly_amount(Category.SALARIED, D("3000"), broken) == D("15.00")
    with pytest.raises(ValidationError, match="无上限"):
        monthly_amount(Category.SALARIED, D("3000.01"), broken)


@pytest.mark.parametrize(
    "amount,allowed",
    [("0.19", False), ("0.20", True), ("0.21", True), ("0.99", True), ("1.00", True), ("1.01", False)],
)
def test_dues_rules_art_6_the_farmer_amount_is_between_twenty_fen_and_one_yuan(amount, allowed):
    """Dues Rules 2008 art. 6: farmers pay a fixed 0.20–1.00 yuan a month, set by the province."""
    params = DuesParams(2026, P.salaried, P.retired, farmer_amount=D(amount), minimal_amount=D("0.20"))
    if allowed:
        assert monthly_amount(Category.FARMER, None, params) == D(amount)
        rules.check_fixed_amount(Category.FARMER, D(amount))
    else:
        with pytest.raises(ValidationError, match=r"0\.20 至 1\.00 元之间"):
            monthly_amount(Category.FARMER, None, params)


@pytest.mark.parametrize("amount,allowed", [("0.19", False), ("0.20", True), ("0.21", False)])
def test_dues_rules_art_6_students_unemployed_and_relief_pay_exactly_twenty_fen(amount, allowed):
    """Dues Rules 2008 art. 6: students, the unemployed and members on relief pay 0.20 yuan a month."""
    for category in rules.MINIMAL_CATEGORIES:
        if allowed:
            rules.check_fixed_amount(category, D(amount))
        else:
            with pytest.raises(ValidationError, match=r"每月交纳党费 0\.20 元"):
                rules.check_fixed_amount(category, D(amount))
    rules.check_fixed_amount(Category.SALARIED, D("123.45"))  # a base category has no fixed range
