"""The pure rules of transfers and mobile members (DOMAIN §5)."""

import datetime

import pytest

from movements import rules as mr

D = datetime.date


def test_letter_valid_10_days_same_city_30_days_outside_domain_s5():
    rules = mr.MovementRules()
    same = mr.default_validity_days(
        same_city=True, same_city_days=rules.validity_days_same_city, outside_days=rules.validity_days_outside
    )
    outside = mr.default_validity_days(
        same_city=False, same_city_days=rules.validity_days_same_city, outside_days=rules.validity_days_outside
    )
    assert (same, outside) == (10, 30)
    assert mr.letter_valid_until(D(2026, 11, 1), days=10) == D(2026, 11, 10)
    assert mr.letter_valid_until(D(2026, 11, 1), days=30) == D(2026, 11, 30)


def test_letter_validity_is_at_most_three_months_domain_s5():
    assert mr.validity_errors(D(2026, 1, 31), D(2026, 4, 29), max_months=3) == []
    assert mr.validity_errors(D(2026, 1, 31), D(2026, 4, 30), max_months=3) == ["介绍信有效期最长为3个月"]
    assert mr.validity_errors(D(2026, 1, 31), D(2026, 1, 30), max_months=3) == ["介绍信有效期不能早于开具日期"]


def test_letter_expires_after_its_validity_while_pending_domain_s5():
    assert not mr.letter_expired(valid_until=D(2026, 11, 10), pending=True, today=D(2026, 11, 10))
    assert mr.letter_expired(valid_until=D(2026, 11, 10), pending=True, today=D(2026, 11, 11))
    assert not mr.letter_expired(valid_until=D(2026, 11, 10), pending=False, today=D(2026, 12, 1))


def test_return_slip_due_within_one_month_domain_s5():
    assert mr.return_slip_due_on(D(2026, 1, 31), months=1) == D(2026, 2, 28)


def test_letter_number_is_per_county_and_year():
    assert mr.letter_number(prefix="青山", year=2026, serial=15) == "青山组转〔2026〕第015号"
    assert mr.county_prefix("青山县委") == "青山"
    assert mr.county_prefix("青山县") == "青山"
    assert mr.county_prefix("县") == "县"


def test_dues_paid_at_most_six_months_ahead_dues_rules():
    assert mr.dues_advance_errors(dues_paid_until=D(2027, 5, 1), on=D(2026, 11, 26)) == []
    assert mr.dues_advance_errors(dues_paid_until=D(2027, 6, 1), on=D(2026, 11, 26))


def test_mobile_contact_due_quarterly_domain_s5():
    left = D(2026, 1, 15)
    assert mr.contact_due_on(left_on=left, last_contact_on=None, months=3) == D(2026, 4, 15)
    assert mr.contact_due_on(left_on=left, last_contact_on=D(2026, 5, 20), months=3) == D(2026, 8, 20)
    assert not mr.contact_overdue(left_on=left, last_contact_on=D(2026, 5, 20), today=D(2026, 8, 20), months=3)
    assert mr.contact_overdue(left_on=left, last_contact_on=D(2026, 5, 20), today=D(2026, 8, 21), months=3)


def test_mobile_lost_contact_after_six_months_domain_s5():
    left = D(2026, 1, 15)
    assert not mr.is_lost_contact(left_on=left, last_contact_on=D(2026, 3, 1), today=D(2026, 8, 31), months=6)
    assert mr.is_lost_contact(left_on=left, last_contact_on=D(2026, 3, 1), today=D(2026, 9, 1), months=6)
    # A contact recorded before the departure does not count: the clock runs from the later day.
    assert mr.last_reached(left_on=left, last_contact_on=D(2025, 12, 1)) == left


def test_mobile_lost_contact_waits_for_six_whole_months_at_a_month_end_domain_s5():
    """Found by the 2024-02-29 date pass: reached on 30 or 31 August, a member was lost on 29 February already,
    the same day as one reached on 29 August. February has no 30th: the six months are over when it ends."""
    left = D(2023, 7, 1)
    for reached in (D(2023, 8, 30), D(2023, 8, 31)):
        assert not mr.is_lost_contact(left_on=left, last_contact_on=reached, today=D(2024, 2, 29), months=6)
        assert mr.lost_contact_on(left_on=left, last_contact_on=reached, months=6) == D(2024, 3, 1)
    assert mr.lost_contact_on(left_on=left, last_contact_on=D(2023, 8, 29), months=6) == D(2024, 2, 29)
    assert mr.lost_contact_on(left_on=left, last_contact_on=D(2024, 8, 29), months=6) == D(2025, 3, 1)
    assert mr.lost_contact_on(left_on=D(2026, 3, 31), last_contact_on=None, months=6) == D(2026, 10, 1)


@pytest.mark.django_db
def test_local_rules_come_from_the_version_in_force_on_the_day():
    from partywork.models import LocalRules

    LocalRules.objects.create(
        effective_from=D(2027, 1, 1),
        basis="县委组织部〔2026〕9号",
        mobile_contact_months=1,
        transfer_validity_days_outside=20,
    )
    before, after = mr.movement_rules(on=D(2026, 12, 31)), mr.movement_rules(on=D(2027, 1, 1))
    assert (before.contact_months, before.validity_days_outside) == (3, 30)
    assert (after.contact_months, after.validity_days_outside, after.lost_contact_months) == (1, 20, 6)
