"""Mobile members (流动党员, DOMAIN §5): the ledger, contacts, the 6-month lost-contact rule, the roll."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from members.models import Lifecycle, LifecycleEvent, Member
from movements import selectors
from movements.models import MobileContact, MobileRecord
from movements.services import mobile
from partywork.dates import add_months
from tests.factories import MemberFactory, OrganizationFactory

from .builders import days_ago, mobile_record

pytestmark = pytest.mark.dates


def test_mobile_ledger_fields_and_encrypted_phone_domain_s5(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    contact = MemberFactory(branch=world.b1, status="full")
    record = mobile_record(by=branch_secretary, member=member, contact_person=contact, left_on=days_ago(10))
    member.refresh_from_db()
    assert member.is_mobile
    assert (record.dest_province, record.dest_city, record.card_number, record.contact_person) == (
        "广东省",
        "东莞市",
        "LD2026001",
        contact,
    )
    assert record.phone_masked == "138****1111"
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone_cipher FROM movements_mobilerecord WHERE id = %s", [record.pk])
        (cipher,) = cursor.fetchone()
    assert "13800001111" not in cipher


def test_contact_person_is_a_full_member_of_the_same_branch_domain_s5(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    probationary = MemberFactory(branch=world.b1, status="probationary")
    elsewhere = MemberFactory(branch=world.b2, status="full")
    for person in (probationary, elsewhere, member):
        with pytest.raises(ValidationError) as error:
            mobile_record(by=branch_secretary, member=member, contact_person=person)
        assert "contact_person" in error.value.error_dict
    member.refresh_from_db()
    assert not member.is_mobile and not MobileRecord.objects.exists()


def test_mobile_ledger_rejects_bad_input_naming_the_field(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    cases = [
        ({"dest_city": " "}, "dest_city"),
        ({"left_on": timezone.localdate() + datetime.timedelta(days=1)}, "left_on"),
        ({"phone": "12345"}, "phone"),
        ({"card_issued_on": None}, "card_issued_on"),
    ]
    for overrides, field in cases:
        with pytest.raises(ValidationError) as error:
            mobile_record(by=branch_secretary, member=member, **overrides)
        assert field in error.value.error_dict, field
    assert not MobileRecord.objects.exists()


def test_one_open_mobile_record_per_member(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    mobile_record(by=branch_secretary, member=member)
    with pytest.raises(ValidationError) as error:
        mobile_record(by=branch_secretary, member=member)
    assert "尚未返回" in str(error.value.error_dict["member"])


def test_contact_moves_last_contact_forward_only(world, branch_secretary):
    record = mobile_record(by=branch_secretary, member=MemberFactory(branch=world.b1), left_on=days_ago(100))
    mobile.mobile_contact_record(by=branch_secretary, record=record, contacted_on=days_ago(10), channel="phone")
    mobile.mobile_contact_record(by=branch_secretary, record=record, contacted_on=days_ago(40), channel="visit")
    record.refresh_from_db()
    assert record.last_contact_on == days_ago(10) and MobileContact.objects.count() == 2
    with pytest.raises(ValidationError) as error:
        mobile.mobile_contact_record(by=branch_secretary, record=record, contacted_on=days_ago(101), channel="phone")
    assert "contacted_on" in error.value.error_dict


def test_no_contact_for_six_months_is_lost_contact_domain_s5(world, branch_secretary, township_secretary):
    today = timezone.localdate()
    lost_member = MemberFactory(branch=world.b1)
    kept_member = MemberFactory(branch=world.b1)
    lost = mobile_record(by=branch_secretary, member=lost_member, left_on=add_months(today, -8))
    mobile.mobile_contact_record(by=branch_secretary, record=lost, contacted_on=add_months(today, -6), channel="phone")
    kept = mobile_record(by=branch_secretary, member=kept_member, left_on=add_months(today, -8))
    mobile.mobile_contact_record(
        by=branch_secretary,
        record=kept,
        contacted_on=add_months(today, -6) + datetime.timedelta(days=1),
        channel="phone",
    )

    marked = mobile.mobile_mark_lost_contact(by=township_secretary, today=today, org=world.t1)

    assert [r.pk for r in marked] == [lost.pk]
    lost_member.refresh_from_db()
    kept_member.refresh_from_db()
    assert lost_member.lifecycle == Lifecycle.LOST_CONTACT and kept_member.lifecycle == Lifecycle.ACTIVE
    assert "6个月未取得联系" in lost_member.lifecycle_reason
    lost.refresh_from_db()
    assert lost.lost_contact_on == add_months(add_months(today, -6), 6) <= today
    # Lost-contact members stay on the branch's roll (suspended, not removed).
    assert Member.objects.on_roll().filter(pk=lost_member.pk).exists()
    # Idempotent: running again changes nothing.
    assert mobile.mobile_mark_lost_contact(by=township_secretary, today=today) == []
    assert LifecycleEvent.objects.filter(member=lost_member).count() == 1


def test_lost_contact_member_reached_again_is_active(world, branch_secretary, township_secretary):
    member = MemberFactory(branch=world.b1)
    record = mobile_record(by=branch_secretary, member=member, left_on=add_months(timezone.localdate(), -9))
    mobile.mobile_mark_lost_contact(by=township_secretary, today=timezone.localdate())
    member.refresh_from_db()
    assert member.lifecycle == Lifecycle.LOST_CONTACT
    mobile.mobile_contact_record(by=branch_secretary, record=record, contacted_on=timezone.localdate(), channel="phone")
    member.refresh_from_db()
    record.refresh_from_db()
    assert member.lifecycle == Lifecycle.ACTIVE and record.lost_contact_on is None
    assert "恢复联系" in member.lifecycle_reason


def test_return_closes_the_record(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    record = mobile_record(by=branch_secretary, member=member, left_on=days_ago(60))
    with pytest.raises(ValidationError):
        mobile.mobile_return(by=branch_secretary, record=record, returned_on=days_ago(61))
    mobile.mobile_return(by=branch_secretary, record=record, returned_on=days_ago(1))
    member.refresh_from_db()
    assert not member.is_mobile
    # Away again later: a new record.
    mobile_record(by=branch_secretary, member=member, left_on=days_ago(0))


def test_roll_flags_overdue_and_lost_contact_domain_s5(world, branch_secretary, township_secretary, client_for):
    today = timezone.localdate()
    fresh = mobile_record(by=branch_secretary, member=MemberFactory(branch=world.b1, name="新近"), left_on=days_ago(10))
    overdue = mobile_record(
        by=branch_secretary, member=MemberFactory(branch=world.b2, name="逾期"), left_on=add_months(today, -4)
    )
    lost = mobile_record(
        by=branch_secretary, member=MemberFactory(branch=world.b1, name="失联者"), left_on=add_months(today, -7)
    )
    rows = {row.record.pk: row for row in selectors.mobile_roll(user=township_secretary, org=world.t1, today=today)}
    assert not rows[fresh.pk].contact_overdue and rows[fresh.pk].days_since == 10
    assert rows[overdue.pk].contact_overdue and not rows[overdue.pk].lost_due
    assert rows[lost.pk].lost_due and not rows[lost.pk].is_lost
    client = client_for(township_secretary)
    body = client.get(f"/members/mobile/org/{world.t1.pk}/").content.decode()
    assert body.count('data-testid="mobile-row"') == 3 and 'data-testid="lost-due"' in body
    assert 'data-testid="overdue"' in body
    # By hand from the roll.
    response = client.post(f"/members/mobile/org/{world.t1.pk}/lost-contact/")
    assert response.status_code == 302
    lost.refresh_from_db()
    assert lost.lost_contact_on is not None
    body = client.get(f"/members/mobile/org/{world.t1.pk}/?flag=lost").content.decode()
    assert body.count('data-testid="mobile-row"') == 1 and "失联者" in body


def test_branch_roll_shows_only_that_branch(world, branch_secretary, county_admin, client_for):
    mobile_record(by=county_admin, member=MemberFactory(branch=world.b1, name="甲村外出"))
    mobile_record(by=county_admin, member=MemberFactory(branch=world.b2, name="乙村外出"))
    body = client_for(branch_secretary).get(f"/members/mobile/org/{world.b1.pk}/").content.decode()
    assert "甲村外出" in body and "乙村外出" not in body
    assert client_for(branch_secretary).get(f"/members/mobile/org/{world.b2.pk}/").status_code == 404


def test_township_roll_queries_are_bounded(
    world, county_admin, township_secretary, client_for, django_assert_max_num_queries
):
    branches = [world.b1, world.b2] + [
        OrganizationFactory(parent=world.t1, name=f"测试村{i}党支部", code=f"C01{50 + i}") for i in range(4)
    ]
    contacts = {b.pk: MemberFactory(branch=b, status="full") for b in branches}
    for index in range(60):
        branch = branches[index % len(branches)]
        record = mobile_record(
            by=county_admin,
            member=MemberFactory(branch=branch),
            contact_person=contacts[branch.pk],
            left_on=days_ago(30 + index * 5),
        )
        if index % 2:
            mobile.mobile_contact_record(by=county_admin, record=record, contacted_on=days_ago(index), channel="phone")
    client = client_for(township_secretary)
    with django_assert_max_num_queries(10):
        response = client.get(f"/members/mobile/org/{world.t1.pk}/")
    assert response.content.decode().count('data-testid="mobile-row"') == 60


def test_mobile_pages_through_the_browserless_client(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    contact = MemberFactory(branch=world.b1, status="full", name="联系人甲")
    client = client_for(branch_secretary)
    form = client.get(f"/members/{member.pk}/mobile/new/").content.decode()
    assert "联系人甲" in form
    data = {
        "left_on": days_ago(20).isoformat(),
        "reason": "务工",
        "dest_province": "浙江省",
        "dest_city": "宁波市",
        "employer": "宁波某厂",
        "phone": "13911112222",
        "card_number": "",
        "contact_person": contact.pk,
    }
    bad = client.post(f"/members/{member.pk}/mobile/new/", {**data, "dest_city": ""})
    assert bad.status_code == 200 and "宁波某厂" in bad.content.decode()
    response = client.post(f"/members/{member.pk}/mobile/new/", data)
    record = MobileRecord.objects.get()
    assert response.status_code == 302
    page = client.get(f"/members/mobile/{record.pk}/").content.decode()
    assert "139****2222" in page and "13911112222" not in page
    client.post(f"/members/mobile/{record.pk}/contact/", {"contacted_on": days_ago(1).isoformat(), "channel": "phone"})
    record.refresh_from_db()
    assert record.last_contact_on == days_ago(1)
    bad = client.post(
        f"/members/mobile/{record.pk}/contact/", {"contacted_on": days_ago(30).isoformat(), "channel": "phone"}
    )
    assert bad.status_code == 200 and "联系日期不能早于外出日期" in bad.content.decode()
    client.post(f"/members/mobile/{record.pk}/return/", {"returned_on": timezone.localdate().isoformat()})
    record.refresh_from_db()
    assert record.returned_on == timezone.localdate()


def test_reviewer_reads_the_roll_but_cannot_write(world, reviewer, county_admin, client_for):
    record = mobile_record(by=county_admin, member=MemberFactory(branch=world.b1))
    client = client_for(reviewer)
    assert client.get(f"/members/mobile/org/{world.t1.pk}/").status_code == 200
    assert client.get(f"/members/mobile/{record.pk}/").status_code == 200
    assert (
        client.post(
            f"/members/mobile/{record.pk}/contact/", {"contacted_on": days_ago(1).isoformat(), "channel": "phone"}
        ).status_code
        == 403
    )
    assert client.post(f"/members/mobile/org/{world.t1.pk}/lost-contact/").status_code == 404
    assert not MobileContact.objects.exists()


def test_member_page_panels_show_mobile_state(world, branch_secretary):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from members.panels import render_context

    member = MemberFactory(branch=world.b1)
    mobile_record(by=branch_secretary, member=member, left_on=add_months(timezone.localdate(), -4))
    request = RequestFactory().get("/")
    request.user = branch_secretary
    panel = next(p for p in render_context(request, member) if p["key"] == "mobile")
    html = render_to_string(panel["template"], {"panel": panel})
    assert "联系逾期" in html and "东莞市" in html


def test_ledger_corrected_keeping_the_phone(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    other_contact = MemberFactory(branch=world.b1, status="full", name="新联系人")
    record = mobile_record(by=branch_secretary, member=member)
    client = client_for(branch_secretary)
    assert "新联系人" in client.get(f"/members/mobile/{record.pk}/edit/").content.decode()
    data = {
        "reason": "务工",
        "dest_province": "广东省",
        "dest_city": "深圳市",
        "employer": "深圳某科技公司",
        "phone": "",
        "card_number": "LD2026001",
        "card_issued_on": record.card_issued_on.isoformat(),
        "contact_person": other_contact.pk,
    }
    response = client.post(f"/members/mobile/{record.pk}/edit/", data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.dest_city, record.contact_person, record.phone_masked) == ("深圳市", other_contact, "138****1111")
    mobile.mobile_return(by=branch_secretary, record=record, returned_on=timezone.localdate())
    assert client.get(f"/members/mobile/{record.pk}/edit/").status_code == 403
