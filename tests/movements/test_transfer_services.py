"""Transfers in all three directions (DOMAIN §5): within the county, out with a numbered letter, in."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from branches.rules import RoleKind
from branches.scoping import clear_scope_cache
from members.models import Lifecycle, Member, Membership
from members.panels import render_context
from members.rules import make_id_number
from movements import selectors
from movements.models import Transfer, TransferDirection, TransferStatus
from movements.services import transfers
from tests.factories import MemberFactory, OrganizationFactory, RoleFactory, UserFactory

from .builders import days_ago, letter_out, transfer_within

pytestmark = pytest.mark.dates


def _panel(member, user, key):
    request = RequestFactory().get("/")
    request.user = user
    panel = next(p for p in render_context(request, member) if p["key"] == key)
    return render_to_string(panel["template"], {"panel": panel})


# --- within the county ----------------------------------------------------------------------------


def test_within_county_transfer_history_shows_both_dates_domain_s5(world, branch_secretary, b2_secretary):
    member = MemberFactory(branch=world.b1, group=world.g1)
    sent_on, received_on = days_ago(5), days_ago(2)
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2, issued_on=sent_on)
    assert transfer.status == TransferStatus.PENDING and transfer.valid_until == sent_on + datetime.timedelta(days=9)

    transfers.transfer_accept(by=b2_secretary, transfer=transfer, on=received_on)

    member.refresh_from_db()
    transfer.refresh_from_db()
    assert member.branch == world.b2 and member.group is None
    old, new = member.memberships.order_by("started_on", "pk")
    assert (old.organization, old.ended_on) == (world.b1, received_on)
    assert (new.organization, new.started_on, new.ended_on) == (world.b2, received_on, None)
    assert (transfer.status, transfer.issued_on, transfer.completed_on) == (
        TransferStatus.COMPLETED,
        sent_on,
        received_on,
    )
    assert transfer.completed_by == b2_secretary
    html = _panel(member, b2_secretary, "transfers")
    assert sent_on.isoformat() in html and received_on.isoformat() in html


def test_receiving_branch_cannot_see_the_member_before_accepting(world, branch_secretary, b2_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2)
    assert not Member.objects.visible_to(b2_secretary).filter(pk=member.pk).exists()
    client = client_for(b2_secretary)
    # The transfer itself is visible to the receiving side (name, sex, status), the member's file is not.
    page = client.get(f"/members/transfers/{transfer.pk}/")
    assert page.status_code == 200 and member.name in page.content.decode()
    assert page.context["member_visible"] is False and page.context["can_accept"] is True
    assert member.id_number_masked not in page.content.decode()
    assert client.get(f"/members/{member.pk}/").status_code == 404
    client.post(f"/members/transfers/{transfer.pk}/accept/", {"on": timezone.localdate().isoformat()})
    assert Member.objects.visible_to(b2_secretary).filter(pk=member.pk).exists()


def test_foreign_branch_cannot_accept(world, branch_secretary, outsider, client_for):
    member = MemberFactory(branch=world.b1)
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2)
    # Township 2's secretary sees nothing of it: 404, and the service refuses too.
    response = client_for(outsider).post(f"/members/transfers/{transfer.pk}/accept/", {"on": "2026-01-01"})
    assert response.status_code == 404
    with pytest.raises(ValidationError):
        transfers.transfer_accept(by=outsider, transfer=transfer, on=timezone.localdate())
    # The sending branch sees it but may not accept its own transfer.
    response = client_for(branch_secretary).post(
        f"/members/transfers/{transfer.pk}/accept/", {"on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 403
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PENDING


def test_pending_transfer_is_visible_to_both_sides_and_nobody_else(
    world, branch_secretary, b2_secretary, township_secretary, outsider
):
    member = MemberFactory(branch=world.b1)
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2)
    for user in (branch_secretary, b2_secretary, township_secretary):
        assert selectors.transfer_list(user=user).filter(pk=transfer.pk).exists()
    assert not selectors.transfer_list(user=outsider).filter(pk=transfer.pk).exists()


def test_one_pending_transfer_per_member(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    transfer_within(by=branch_secretary, member=member, to_branch=world.b2)
    with pytest.raises(ValidationError) as error:
        transfer_within(by=branch_secretary, member=member, to_branch=world.b3)
    assert "待办" in str(error.value.error_dict["member"])
    # The database constraint is the last word (two clerks at once): its error becomes the same message.
    duplicate = Transfer(
        member=member,
        direction=TransferDirection.WITHIN,
        from_branch=world.b1,
        to_branch=world.b3,
        reason="重复",
        issued_on=timezone.localdate(),
        started_by=branch_secretary,
    )
    with pytest.raises(ValidationError) as error:
        transfers._save(duplicate, branch_secretary)
    assert "待办" in str(error.value.error_dict["member"])
    assert Transfer.objects.count() == 1


def test_target_must_be_another_active_branch_of_the_county(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    closed = OrganizationFactory(parent=world.t1, name="已撤销村党支部", code="C0199", is_active=False)
    foreign = OrganizationFactory(name="外县县委", code="X", kind="county")
    foreign_branch = OrganizationFactory(parent=foreign, name="外县党支部", code="X01", kind="branch")
    for target in (world.b1, world.g1, world.t1, closed, foreign_branch):
        with pytest.raises(ValidationError) as error:
            transfer_within(by=branch_secretary, member=member, to_branch=target)
        assert "to_branch" in error.value.error_dict
    targets = set(selectors.transfer_target_branches(member=member))
    assert targets == {world.b2, world.b3}
    assert not Transfer.objects.exists()


def test_sender_cancels_and_receiver_cannot(world, branch_secretary, b2_secretary):
    member = MemberFactory(branch=world.b1)
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2)
    with pytest.raises(ValidationError):
        transfers.transfer_cancel(by=b2_secretary, transfer=transfer, reason="不接收")
    transfers.transfer_cancel(by=branch_secretary, transfer=transfer, reason="本人暂不调动")
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED and "本人暂不调动" in transfer.notes
    with pytest.raises(ValidationError):
        transfers.transfer_accept(by=b2_secretary, transfer=transfer, on=timezone.localdate())
    # Cancelled: a new transfer may start.
    transfer_within(by=branch_secretary, member=member, to_branch=world.b3)


def test_accept_date_not_before_sending(world, branch_secretary, b2_secretary):
    member = MemberFactory(branch=world.b1)
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2, issued_on=days_ago(3))
    with pytest.raises(ValidationError) as error:
        transfers.transfer_accept(by=b2_secretary, transfer=transfer, on=days_ago(4))
    assert "on" in error.value.error_dict
    member.refresh_from_db()
    assert member.branch == world.b1


# --- out of the county ------------------------------------------------------------------------------


def test_letter_out_numbers_without_gaps_per_county_and_year(world, branch_secretary, county_admin):
    year = timezone.localdate().year
    numbers = [letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1)).letter_number for _ in range(3)]
    assert numbers == [f"测试组转〔{year}〕第{n:03d}号" for n in (1, 2, 3)]
    # A cancelled or completed letter keeps its number; the next one follows on.
    last = Transfer.objects.get(letter_number=numbers[-1])
    transfers.transfer_record_return_slip(
        by=branch_secretary, transfer=last, received_on=timezone.localdate(), accepted_on=timezone.localdate()
    )
    assert letter_out(by=county_admin, member=MemberFactory(branch=world.b3)).letter_number.endswith("第004号")
    # Last year's letters have their own series.
    old = letter_out(
        by=branch_secretary, member=MemberFactory(branch=world.b2), issued_on=datetime.date(year - 1, 12, 30)
    )
    assert old.letter_number == f"测试组转〔{year - 1}〕第001号"
    # Another county numbers its own letters.
    other = county_tree_named("外县委", "Y")
    admin = UserFactory(username="other_admin")
    RoleFactory(user=admin, organization=other["county"], kind=RoleKind.COUNTY_ADMIN)
    clear_scope_cache(admin)
    assert letter_out(by=admin, member=MemberFactory(branch=other["b1"])).letter_number == f"外组转〔{year}〕第001号"


def county_tree_named(name, code):
    county = OrganizationFactory(name=name, code=code, kind="county", category="other")
    township = OrganizationFactory(parent=county, name=f"{name}乡", code=f"{code}01", kind="township")
    return {"county": county, "b1": OrganizationFactory(parent=township, name=f"{name}村党支部", code=f"{code}0101")}


def test_letter_out_takes_member_off_the_roll_domain_s5(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    transfer = letter_out(by=branch_secretary, member=member, issued_on=days_ago(3))
    member.refresh_from_db()
    assert member.lifecycle == Lifecycle.TRANSFERRED_OUT and member.lifecycle_changed_on == days_ago(3)
    assert transfer.letter_number in member.lifecycle_reason
    assert member.memberships.get().ended_on == days_ago(3)
    assert not Member.objects.active().filter(pk=member.pk).exists()
    assert transfer.status == TransferStatus.PENDING and transfer.dues_paid_until == days_ago(3).replace(day=1)
    # Once out, no second letter and no transfer within the county.
    with pytest.raises(ValidationError):
        letter_out(by=branch_secretary, member=member)


def test_letter_validity_over_three_months_is_refused_and_writes_nothing_domain_s5(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        transfers.transfer_issue_letter(
            by=branch_secretary,
            member=member,
            external_org="中共某区委组织部",
            reason="迁居",
            issued_on=today,
            dues_paid_until=today,
            valid_until=today + datetime.timedelta(days=120),
        )
    assert "valid_until" in error.value.error_dict
    member.refresh_from_db()
    assert member.lifecycle == Lifecycle.ACTIVE and not Transfer.objects.exists()


def test_return_slip_completes_the_letter_domain_s5(world, branch_secretary):
    transfer = letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(20))
    with pytest.raises(ValidationError) as error:
        transfers.transfer_record_return_slip(
            by=branch_secretary, transfer=transfer, received_on=days_ago(1), accepted_on=days_ago(21)
        )
    assert "accepted_on" in error.value.error_dict
    transfers.transfer_record_return_slip(
        by=branch_secretary, transfer=transfer, received_on=days_ago(1), accepted_on=days_ago(10)
    )
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.COMPLETED
    assert (transfer.completed_on, transfer.return_slip_received_on) == (days_ago(10), days_ago(1))


def test_expired_letters_are_flagged_in_lists_domain_s5(world, branch_secretary, client_for):
    expired = letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(40))
    current = letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(5))
    returned = letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(45))
    transfers.transfer_record_return_slip(
        by=branch_secretary, transfer=returned, received_on=days_ago(2), accepted_on=days_ago(20)
    )
    flags = {t.pk: t.is_expired for t in selectors.transfer_list(user=branch_secretary)}
    assert flags == {expired.pk: True, current.pk: False, returned.pk: False}
    page = client_for(branch_secretary).get(f"/members/transfers/org/{world.b1.pk}/?show=expired")
    body = page.content.decode()
    assert page.status_code == 200 and body.count('data-testid="expired"') == 1
    assert expired.letter_number in body and current.letter_number not in body


def test_printed_letter_has_full_id_and_is_logged(world, branch_secretary, branch_organizer, client_for):
    from members.models import SensitiveAccess

    birth = datetime.date(1980, 3, 9)
    number = make_id_number(region="620102", birth_date=birth, sequence=3, sex="F")
    member = MemberFactory(branch=world.b1, id_number=number, birth_date=birth, sex="F", status="full")
    transfer = letter_out(by=branch_secretary, member=member, issued_on=days_ago(1))
    page = client_for(branch_secretary).get(f"/members/transfers/{transfer.pk}/letter/")
    body = page.content.decode()
    assert page.status_code == 200
    for text in (
        number,
        transfer.letter_number,
        "存根",
        "回执",
        "沿此线剪开",
        "正式",
        "女",
        "汉族",
        "中共兰州市城关区委组织部",
    ):
        assert text in body
    log = SensitiveAccess.objects.get()
    assert (log.user, log.member, log.action) == (branch_secretary, member, SensitiveAccess.Action.EXPORT)
    assert transfer.letter_number in log.reason
    # The branch organiser may see members but not full ID numbers: no print, nothing logged.
    assert client_for(branch_organizer).get(f"/members/transfers/{transfer.pk}/letter/").status_code == 403
    assert SensitiveAccess.objects.count() == 1


def test_letter_form_rejection_keeps_input(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    today = timezone.localdate()
    response = client_for(branch_secretary).post(
        f"/members/{member.pk}/letter/new/",
        {
            "external_org": "中共某市某区委组织部",
            "reason": "迁居",
            "issued_on": today.isoformat(),
            "valid_until": (today + datetime.timedelta(days=200)).isoformat(),
            "dues_paid_until": today.strftime("%Y-%m"),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "最长为3个月" in body and "中共某市某区委组织部" in body
    member.refresh_from_db()
    assert member.lifecycle == Lifecycle.ACTIVE and not Transfer.objects.exists()


def test_letter_form_computes_validity_from_the_rule(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    today = timezone.localdate()
    response = client_for(branch_secretary).post(
        f"/members/{member.pk}/letter/new/",
        {
            "external_org": "中共某市某区委组织部",
            "reason": "迁居",
            "issued_on": today.isoformat(),
            "same_city": "on",
            "dues_paid_until": today.strftime("%Y-%m"),
        },
    )
    transfer = Transfer.objects.get()
    assert response.status_code == 302
    assert transfer.valid_until == today + datetime.timedelta(days=9)


# --- into the county ----------------------------------------------------------------------------------


def _incoming(**overrides):
    birth = datetime.date(1990, 4, 2)
    data = {
        "letter_number": "兰城组转〔2026〕第088号",
        "letter_date": days_ago(10),
        "external_org": "中共兰州市城关区委组织部",
        "received_on": days_ago(3),
        "reason": "迁居",
        "name": "马晓梅",
        "sex": "F",
        "ethnicity": "回族",
        "birth_date": birth,
        "id_number": make_id_number(region="620102", birth_date=birth, sequence=5, sex="F"),
        "phone": "13700001234",
        "education": "bachelor",
        "occupation": "enterprise",
        "status": "full",
        "joined_on": datetime.date(2015, 7, 1),
        "confirmed_on": datetime.date(2016, 7, 1),
    }
    return {**data, **overrides}


def test_member_from_outside_is_registered_with_the_letter_domain_s5(world, branch_secretary):
    transfer = transfers.transfer_register_in(by=branch_secretary, branch=world.b1, **_incoming())
    member = transfer.member
    assert (transfer.direction, transfer.status, transfer.to_branch) == (
        TransferDirection.IN,
        TransferStatus.COMPLETED,
        world.b1,
    )
    assert transfer.letter_number == "兰城组转〔2026〕第088号" and transfer.completed_on == days_ago(3)
    membership = member.memberships.get()
    assert membership.started_on == days_ago(3) and "兰城组转〔2026〕第088号" in membership.start_reason
    assert member.lifecycle == Lifecycle.ACTIVE and member.ethnicity == "回族"


def test_incoming_letter_registered_once(world, branch_secretary, county_admin):
    transfers.transfer_register_in(by=branch_secretary, branch=world.b1, **_incoming())
    birth = datetime.date(1991, 4, 2)
    again = _incoming(
        name="王五",
        sex="M",
        birth_date=birth,
        id_number=make_id_number(region="620102", birth_date=birth, sequence=6, sex="M"),
    )
    with pytest.raises(ValidationError) as error:
        transfers.transfer_register_in(by=county_admin, branch=world.b3, **again)
    assert "已登记过" in str(error.value.error_dict["letter_number"])
    assert Member.objects.count() == 1 and Transfer.objects.count() == 1


def test_incoming_bad_identity_writes_nothing(world, branch_secretary, client_for):
    data = _incoming(birth_date=datetime.date(1990, 4, 3))
    response = client_for(branch_secretary).post(
        f"/members/transfers/org/{world.b1.pk}/in/new/",
        {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in data.items()},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "出生日期与身份证号码不一致" in body and "兰城组转〔2026〕第088号" in body
    assert not Member.objects.exists() and not Transfer.objects.exists() and not Membership.objects.exists()


def test_incoming_through_the_page(world, branch_secretary, client_for):
    data = _incoming()
    response = client_for(branch_secretary).post(
        f"/members/transfers/org/{world.b1.pk}/in/new/",
        {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in data.items()},
    )
    transfer = Transfer.objects.get()
    assert response.status_code == 302 and response.url == f"/members/transfers/{transfer.pk}/"
    assert transfer.member.branch == world.b1


def test_organizer_cannot_start_transfers(world, branch_organizer, client_for):
    member = MemberFactory(branch=world.b1)
    client = client_for(branch_organizer)
    for url in (f"/members/{member.pk}/transfer/new/", f"/members/{member.pk}/letter/new/"):
        assert client.get(url).status_code == 404
    assert client.get(f"/members/transfers/org/{world.b1.pk}/in/new/").status_code == 404


def test_start_within_county_through_the_page(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    client = client_for(branch_secretary)
    form = client.get(f"/members/{member.pk}/transfer/new/")
    body = form.content.decode()
    # Targets by name and code only.
    assert "乙村党支部（C0102）" in body and "丙村党支部（C0201）" in body
    response = client.post(
        f"/members/{member.pk}/transfer/new/",
        {"to_branch": world.b3.pk, "issued_on": timezone.localdate().isoformat(), "reason": "工作调动"},
    )
    transfer = Transfer.objects.get()
    assert response.status_code == 302 and transfer.to_branch == world.b3


def test_transfer_list_queries_are_bounded(world, county_admin, client_for, django_assert_max_num_queries):
    for index in range(30):
        member = MemberFactory(branch=world.b1 if index % 2 else world.b2)
        if index % 3:
            letter_out(by=county_admin, member=member, issued_on=days_ago(index))
        else:
            transfer_within(by=county_admin, member=member, to_branch=world.b3)
    client = client_for(county_admin)
    with django_assert_max_num_queries(12):
        response = client.get(f"/members/transfers/org/{world.county.pk}/")
    assert response.status_code == 200 and response.content.decode().count('data-testid="transfer-row"') == 30


def test_raw_sql_sanity_no_clear_id_in_transfer_table(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    letter_out(by=branch_secretary, member=member)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM movements_transfer")
        rows = cursor.fetchall()
    assert member.id_number not in repr(rows)


def test_unused_letter_is_voided_and_member_back_on_the_roll(world, branch_secretary, b2_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    transfer = letter_out(by=branch_secretary, member=member, issued_on=days_ago(40))
    with pytest.raises(ValidationError):
        transfers.transfer_void_letter(by=b2_secretary, transfer=transfer, on=days_ago(1), reason="未报到")
    response = client_for(branch_secretary).post(
        f"/members/transfers/{transfer.pk}/void/", {"on": days_ago(41).isoformat(), "reason": "未报到"}
    )
    assert response.status_code == 200 and "恢复日期不能早于介绍信开具日期" in response.content.decode()
    response = client_for(branch_secretary).post(
        f"/members/transfers/{transfer.pk}/void/", {"on": days_ago(1).isoformat(), "reason": "本人未去报到"}
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    member.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED and transfer.letter_number.endswith("第001号")
    assert member.lifecycle == Lifecycle.ACTIVE
    stays = list(member.memberships.order_by("started_on", "pk"))
    assert [(m.organization, m.ended_on) for m in stays] == [(world.b1, days_ago(40)), (world.b1, None)]
    # The number is not reused: the next letter of that year is 002 (issued the same day, so in the same year's
    # series even early in January).
    again = letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(40))
    assert again.letter_number.endswith("第002号")


def test_member_who_left_comes_back_to_the_same_file_domain_s5(world, branch_secretary, county_admin):
    data = _incoming(letter_date=days_ago(10), received_on=days_ago(5))
    first = transfers.transfer_register_in(
        by=county_admin, branch=world.b1, **{**data, "letter_number": "甲〔2020〕1号"}
    )
    member = first.member
    letter = letter_out(by=county_admin, member=member, issued_on=days_ago(4))
    transfers.transfer_record_return_slip(
        by=county_admin, transfer=letter, received_on=days_ago(2), accepted_on=days_ago(3)
    )
    back = transfers.transfer_register_in(
        by=county_admin, branch=world.b2, **{**data, "letter_date": days_ago(2), "received_on": days_ago(1)}
    )
    assert back.member_id == member.pk and Member.objects.count() == 1
    member.refresh_from_db()
    assert member.lifecycle == Lifecycle.ACTIVE and member.branch == world.b2
    stays = [(m.organization, m.started_on, m.ended_on) for m in member.memberships.order_by("started_on", "pk")]
    assert stays == [(world.b1, days_ago(5), days_ago(4)), (world.b2, days_ago(1), None)]
    assert [t.direction for t in member.transfers.order_by("pk")] == ["in", "out", "in"]


def test_member_page_shows_transfer_and_mobile_panels(
    world, branch_secretary, b2_secretary, client_for, django_assert_max_num_queries
):
    from .builders import mobile_record

    member = MemberFactory(branch=world.b1)
    client = client_for(branch_secretary)
    body = client.get(f"/members/{member.pk}/").content.decode()
    assert 'data-testid="panel-transfers"' in body and 'data-testid="panel-mobile"' in body
    assert f"/members/{member.pk}/transfer/new/" in body and f"/members/{member.pk}/mobile/new/" in body
    for index in range(5):
        transfer = transfer_within(
            by=branch_secretary, member=member, to_branch=world.b2, issued_on=days_ago(30 - index)
        )
        transfers.transfer_cancel(by=branch_secretary, transfer=transfer, reason=f"撤回{index}")
    record = mobile_record(by=branch_secretary, member=member, left_on=days_ago(20))
    transfer = transfer_within(by=branch_secretary, member=member, to_branch=world.b2, issued_on=days_ago(3))
    with django_assert_max_num_queries(40):
        body = client.get(f"/members/{member.pk}/").content.decode()
    assert body.count('data-testid="panel-transfer"') == 6 and days_ago(3).isoformat() in body
    # Pending: no second transfer from the page; away: no second mobile record.
    assert f"/members/{member.pk}/transfer/new/" not in body and f"/members/{member.pk}/mobile/new/" not in body
    assert f"/members/mobile/{record.pk}/" in body
    transfers.transfer_accept(by=b2_secretary, transfer=transfer, on=days_ago(1))
    body = client_for(b2_secretary).get(f"/members/{member.pk}/").content.decode()
    assert days_ago(3).isoformat() in body and days_ago(1).isoformat() in body
