"""Pure rules of training hours (DOMAIN §2)."""

from decimal import Decimal

from learning import rules


def test_member_regs_members_need_32_hours_secretaries_and_committee_56():
    assert rules.required_hours(committee=False) == Decimal("32")
    assert rules.required_hours(committee=True) == Decimal("56")


def test_standing_meets_the_minimum_exactly_at_the_minimum():
    at = rules.HoursStanding(1, "甲", committee=False, training=Decimal("30.0"), remote=Decimal("2.0"))
    below = rules.HoursStanding(2, "乙", committee=True, training=Decimal("55.9"), remote=Decimal("0.0"))
    assert at.met and at.shortfall == 0
    assert not below.met and below.shortfall == Decimal("0.1")


def test_remote_minutes_become_hours_rounded_half_up():
    assert rules.minutes_to_hours(90) == Decimal("1.5")
    assert rules.minutes_to_hours(45) == Decimal("0.8")


def test_session_hours_must_be_positive_and_bounded():
    assert rules.session_hours_errors(Decimal("0"))
    assert rules.session_hours_errors(Decimal("100.5"))
    assert rules.session_hours_errors(None)
    assert rules.session_hours_errors(Decimal("3.5")) == []
