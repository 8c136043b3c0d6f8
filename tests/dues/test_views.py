"""The dues pages: scope, permissions, bounded queries, and bad input kept and explained."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dues import services
from dues.forms import BatchForm
from dues.models import DuesEntry, DuesReceipt, DuesRemittance, DuesStandard
from dues.panels import dues_panel_context
from dues.selectors import batch_rows
from partywork.dates import add_months, month_end
from partywork.jobs import job_file
from partywork.models import Job
from tests.clock import moment

from .factories import member_with_standard, this_month

D = Decimal
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _batch_url(org, month=None):
    month = month or this_month()
    return reverse("dues:duesentry_batch", kwargs={"org_pk": org.pk, "year": month.year, "month": month.month})


def test_batch_screen_for_sixty_members_is_one_get_and_one_post_with_bounded_queries(
    world, branch_secretary, client_for, django_assert_max_num_queries
):
    members = [member_with_standard(world.b1, by=branch_secretary, name=f"成员{i:02d}") for i in range(60)]
    client = client_for(branch_secretary)
    with django_assert_max_num_queries(20):
        response = client.get(_batch_url(world.b1))
    assert response.status_code == 200
    assert response.content.decode().count('type="checkbox"') == 60
    data = {"paid_on": timezone.localdate().isoformat()}
    for member in members:
        data[f"paid_{member.pk}"] = "on"
        data[f"amount_{member.pk}"] = "40.00"
    data[f"amount_{members[0].pk}"] = "45.50"  # a difference from the standard
    with django_assert_max_num_queries(35):
        response = client.post(_batch_url(world.b1), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DuesReceipt.objects.count() == 60
    assert sorted(DuesReceipt.objects.values_list("number", flat=True)) == list(range(1, 61))
    assert DuesEntry.objects.get(member=members[0]).amount == D("45.50")
    assert DuesEntry.objects.get(member=members[1]).standard == D("40.00")
    # Everyone paid: the next GET shows no tick boxes, still bounded.
    with django_assert_max_num_queries(20):
        response = client.get(_batch_url(world.b1))
    assert 'type="checkbox"' not in response.content.decode()


def test_batch_with_a_bad_amount_writes_nothing_and_keeps_what_was_typed(dues, client_for):
    a, b, _c = dues.members
    data = {
        "paid_on": timezone.localdate().isoformat(),
        f"paid_{a.pk}": "on",
        f"amount_{a.pk}": "40.00",
        f"paid_{b.pk}": "on",
        f"amount_{b.pk}": "12.345",
    }
    response = client_for(dues.clerk).post(_batch_url(dues.b1), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "两位小数" in body and "12.345" in body
    assert DuesEntry.objects.count() == 0
    data[f"amount_{b.pk}"] = "-3"
    body = client_for(dues.clerk).post(_batch_url(dues.b1), data).content.decode()
    assert "大于零" in body and DuesEntry.objects.count() == 0


def test_batch_into_a_closed_period_is_refused_with_a_clear_message(dues, client_for, time_machine):
    a = dues.members[0]
    month, today = this_month(), timezone.localdate()
    services.dues_collect(org=dues.b1, member=a, months=[month], paid_on=today, by=dues.clerk)
    time_machine.move_to(moment(month_end(month) + datetime.timedelta(days=1)))
    services.dues_remit(org=dues.b1, first_month=month, last_month=month, by=dues.clerk)
    b = dues.members[1]
    data = {"paid_on": today.isoformat(), f"paid_{b.pk}": "on", f"amount_{b.pk}": "40.00"}
    response = client_for(dues.clerk).post(_batch_url(dues.b1, month), data)
    assert "已上缴结账" in response.content.decode()
    assert DuesEntry.objects.filter(member=b).count() == 0


def test_a_float_never_reaches_the_model(dues):
    """Forms give Decimals; the services refuse a float outright."""
    rows = batch_rows(org=dues.b1, month=this_month())
    form = BatchForm(
        {
            "paid_on": timezone.localdate().isoformat(),
            f"paid_{dues.members[0].pk}": "on",
            f"amount_{dues.members[0].pk}": "0.1",
        },
        rows=rows,
    )
    assert form.is_valid(), form.errors
    ((_member, amount),) = form.payments()
    assert isinstance(amount, Decimal) and amount == D("0.10")
    with pytest.raises(TypeError):
        services.dues_collect(
            org=dues.b1,
            member=dues.members[0],
            months=[this_month()],
            paid_on=timezone.localdate(),
            amounts={this_month(): 0.1},
            by=dues.clerk,
        )
    assert DuesEntry.objects.count() == 0


@pytest.mark.parametrize("persona", ["reviewer", "outsider"])
def test_writing_pages_are_not_found_without_dues_write_on_the_branch(dues, client_for, request, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    year = timezone.localdate().year
    urls = [
        _batch_url(dues.b1),
        reverse("dues:duesstandard_year", kwargs={"org_pk": dues.b1.pk, "year": year}),
        reverse("dues:duesentry_collect", kwargs={"org_pk": dues.b1.pk, "member_pk": dues.members[0].pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_the_branch_organiser_may_collect_but_not_approve(dues, branch_organizer, client_for):
    client = client_for(branch_organizer)
    assert client.get(_batch_url(dues.b1)).status_code == 200
    assert client.get(reverse("dues:home")).status_code == 200


def test_yearly_standard_page_sets_everyone_in_one_submission(dues, client_for, django_assert_max_num_queries):
    year = timezone.localdate().year
    url = reverse("dues:duesstandard_year", kwargs={"org_pk": dues.b1.pk, "year": year})
    client = client_for(dues.clerk)
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    a, b, c = dues.members
    data = {
        f"category_{a.pk}": "salaried",
        f"base_{a.pk}": "3000.00",
        f"category_{b.pk}": "retired",
        f"base_{b.pk}": "6000",
        f"category_{c.pk}": "student",
        f"base_{c.pk}": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    january = timezone.localdate().replace(month=1, day=1)
    amounts = dict(DuesStandard.objects.filter(valid_from=january).values_list("member_id", "amount"))
    assert amounts == {a.pk: D("15.00"), b.pk: D("60.00"), c.pk: D("0.20")}
    data[f"base_{b.pk}"] = ""
    response = client.post(url, data)
    assert response.status_code == 200 and "须申报缴费基数" in response.content.decode()


def test_collect_view_refuses_more_than_six_months_ahead(dues, client_for):
    url = reverse("dues:duesentry_collect", kwargs={"org_pk": dues.b1.pk, "member_pk": dues.members[0].pk})
    client = client_for(dues.clerk)
    assert client.get(url).status_code == 200
    data = {"first_month": this_month().strftime("%Y-%m"), "count": "8", "paid_on": timezone.localdate().isoformat()}
    response = client.post(url, data)
    assert response.status_code == 200 and "最多预缴 6 个月" in response.content.decode()
    assert DuesEntry.objects.count() == 0
    data["count"] = "3"
    response = client.post(url, data)
    assert response.status_code == 302
    assert DuesReceipt.objects.get().total == D("120.00")


def test_reverse_view_books_a_reversal(dues, client_for):
    entry = services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    ).entries.get()
    url = reverse("dues:duesentry_reverse", kwargs={"entry_pk": entry.pk})
    client = client_for(dues.clerk)
    assert client.get(url).status_code == 200
    assert "冲正原因" in client.post(url, {"reason": ""}).content.decode()
    assert DuesEntry.objects.count() == 1
    assert client.post(url, {"reason": "误记"}).status_code == 302
    reversal = DuesEntry.objects.get(reverses=entry)
    response = client.post(reverse("dues:duesentry_reverse", kwargs={"entry_pk": reversal.pk}), {"reason": "再冲"})
    assert "不能再冲正" in response.content.decode()
    assert DuesEntry.objects.count() == 2


def test_remit_then_reconciliation_comes_to_zero(dues, client_for, time_machine):
    month = this_month()
    services.dues_collect_batch(
        org=dues.b1,
        month=month,
        payments=[(m, D("40.00")) for m in dues.members],
        paid_on=timezone.localdate(),
        by=dues.clerk,
    )
    client = client_for(dues.clerk)
    url = reverse("dues:duesremittance_create", kwargs={"org_pk": dues.b1.pk})
    refused = client.post(url, {"first_month": month.strftime("%Y-%m"), "last_month": month.strftime("%Y-%m")})
    assert "尚未结束" in refused.content.decode() and not DuesRemittance.objects.exists()
    time_machine.move_to(moment(month_end(month) + datetime.timedelta(days=1)))
    client = client_for(dues.clerk)  # a new day, a new session
    form = client.get(url).context["form"]
    assert form.initial["last_month"] == month  # the last ended month
    response = client.post(url, {"first_month": month.strftime("%Y-%m"), "last_month": month.strftime("%Y-%m")})
    assert response.status_code == 302
    assert DuesRemittance.objects.get().amount == D("120.00")
    body = client.get(response["Location"]).content.decode()
    assert "账款相符" in body


def test_reconciliation_explains_a_difference(dues, client_for, django_assert_max_num_queries):
    services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    )
    url = reverse("dues:reconciliation", kwargs={"org_pk": dues.b1.pk})
    client = client_for(dues.clerk)
    with django_assert_max_num_queries(25):
        body = client.get(url).content.decode()
    assert "尚未上缴" in body and "40.00" in body


def test_township_pages_and_arrears_list(dues, township_secretary, client_for, django_assert_max_num_queries):
    client = client_for(township_secretary)
    client.get(reverse("dues:home"))
    for name in ("organization_dues", "arrears_list", "reconciliation"):
        with django_assert_max_num_queries(30):
            response = client.get(reverse(f"dues:{name}", kwargs={"org_pk": dues.world.t1.pk}))
        assert response.status_code == 200, name
    body = client.get(reverse("dues:arrears_list", kwargs={"org_pk": dues.world.t1.pk})).content.decode()
    assert dues.members[0].name in body and dues.foreign.name not in body
    # Batch is for branches only.
    assert client.get(_batch_url(dues.world.t1)).status_code == 404


def test_member_card_page_and_panel(dues, client_for, django_assert_max_num_queries):
    member = dues.members[0]
    services.dues_collect(
        org=dues.b1, member=member, months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    )
    url = reverse("dues:member_card", kwargs={"member_pk": member.pk})
    client = client_for(dues.clerk)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and f"{timezone.localdate().year}-0001" in body
    request = RequestFactory().get("/")
    request.user = dues.clerk
    with django_assert_max_num_queries(10):
        context = dues_panel_context(request, member)
    assert context["paid_until"] is None or context["paid_until"] <= this_month()
    assert len(context["rows"]) == 12


def test_panel_is_hidden_from_users_outside_the_branch(dues, outsider):
    request = RequestFactory().get("/")
    request.user = outsider
    assert dues_panel_context(request, dues.members[0]) is None


def _post_job(client, url, capture):
    with capture(execute=True):
        return client.post(url)


def _download(client, response):
    job = Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert job.status == Job.Status.DONE, job.message
    return load_workbook(io.BytesIO(job_file(job=job)), read_only=True)


def test_member_card_export(dues, client_for, django_capture_on_commit_callbacks):
    member = dues.members[0]
    services.dues_collect(
        org=dues.b1, member=member, months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    )
    client = client_for(dues.clerk)
    url = reverse("dues:member_card_export", kwargs={"member_pk": member.pk})
    response = _post_job(client, url, django_capture_on_commit_callbacks)
    rows = list(_download(client, response).active.iter_rows(values_only=True))
    assert rows[1][:3] == ("月份", "应缴", "实缴")
    assert any(row[0] == this_month().strftime("%Y-%m") and row[2] == 40 for row in rows)


def test_collection_register_has_a_signature_column(dues, client_for, django_capture_on_commit_callbacks):
    services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    )
    client = client_for(dues.clerk)
    month = this_month()
    url = reverse("dues:register_export", kwargs={"org_pk": dues.b1.pk, "year": month.year, "month": month.month})
    response = _post_job(client, url, django_capture_on_commit_callbacks)
    rows = list(_download(client, response).active.iter_rows(values_only=True))
    assert rows[1][-1] == "本人签字"
    assert len(rows) == 2 + 3 + 1
    assert rows[-1][5] == 40


def test_publication_sheet(dues, client_for, django_capture_on_commit_callbacks):
    services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    )
    client = client_for(dues.clerk)
    year = timezone.localdate().year
    url = reverse("dues:publication_export", kwargs={"org_pk": dues.b1.pk, "year": year})
    response = _post_job(client, url, django_capture_on_commit_callbacks)
    rows = list(_download(client, response).active.iter_rows(values_only=True))
    assert rows[1] == ("序号", "姓名", "月缴标准", "全年应缴", "全年实缴", "未缴月数")
    by_name = {row[1]: row for row in rows[2:5]}
    assert by_name[dues.members[0].name][4] == 40
    assert by_name[dues.members[1].name][3] == 40 * 12  # the whole year is owed


def test_export_runner_rechecks_the_scope(dues, outsider):
    from dues.exports import run_register

    job = Job.objects.create(
        user=outsider, kind="dues.register", params={"org_id": dues.b1.pk, "year": 2026, "month": 1}
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        run_register(job, lambda *a: None)


def test_relief_approval_by_the_township(dues, township_secretary, client_for):
    member = dues.members[0]
    url = reverse("dues:duesrelief_create", kwargs={"org_pk": dues.b1.pk, "member_pk": member.pk})
    month = this_month().strftime("%Y-%m")
    response = client_for(dues.clerk).post(
        url,
        {
            "kind": "reduction",
            "first_month": month,
            "last_month": month,
            "amount": "5.00",
            "reason": "因病",
            "decided_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    relief = member.dues_reliefs.get()
    decide = reverse("dues:duesrelief_decide", kwargs={"relief_pk": relief.pk})
    assert client_for(dues.clerk).get(decide).status_code == 403
    client = client_for(township_secretary)
    assert relief.member.name in client.get(reverse("dues:home")).content.decode()
    assert client.post(decide, {"decision": "approve", "note": "同意"}).status_code == 302
    relief.refresh_from_db()
    assert relief.status == "approved" and relief.approved_by == township_secretary


def test_member_page_shows_the_dues_card(dues, client_for):
    member = dues.members[0]
    services.dues_collect(
        org=dues.b1, member=member, months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    )
    response = client_for(dues.clerk).get(reverse("members:member_detail", kwargs={"member_pk": member.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-panel="dues"' in body and f"{timezone.localdate().year}-0001" in body


def test_income_change_page_applies_from_its_month(dues, client_for):
    member = dues.members[0]
    url = reverse("dues:duesstandard_change", kwargs={"org_pk": dues.b1.pk, "member_pk": member.pk})
    client = client_for(dues.clerk)
    assert "4,000.00" in client.get(url).content.decode()
    month = this_month().strftime("%Y-%m")
    response = client.post(url, {"month": month, "category": "salaried", "base": "10000.01", "reason": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    response = client.post(url, {"month": month, "category": "salaried", "base": "10000.01", "reason": "提职"})
    assert response.status_code == 302
    standard = DuesStandard.objects.get(member=member, valid_from=this_month())
    assert (standard.base, standard.amount) == (D("10000.01"), D("200.00"))
    body = client.get(url).content.decode()
    assert "200.00" in body and "提职" in body


def test_impossible_months_are_not_found(dues, client_for):
    client = client_for(dues.clerk)
    for year, month in ((1, 1), (2026, 13), (2026, 0), (99999, 1)):
        url = reverse("dues:duesentry_batch", kwargs={"org_pk": dues.b1.pk, "year": year, "month": month})
        assert client.get(url).status_code == 404
        url = reverse("dues:register_export", kwargs={"org_pk": dues.b1.pk, "year": year, "month": month})
        assert client.post(url).status_code == 404


def test_arrears_page_links_each_unpaid_month_to_the_collect_form_with_the_reason(
    dues, client_for, django_assert_max_num_queries
):
    """Dues Rules art. 12: the secretary follows an old unpaid month from the arrears page and records it with
    the branch's reason; without the reason the form says the earliest month and keeps what was typed."""
    from dues.selectors import arrears_list

    from .factories import months_ago

    member = dues.members[0]
    client = client_for(dues.clerk)
    with django_assert_max_num_queries(20):
        body = client.get(reverse("dues:arrears_list", kwargs={"org_pk": dues.b1.pk})).content.decode()
    old = months_ago(8)
    collect = reverse("dues:duesentry_collect", kwargs={"org_pk": dues.b1.pk, "member_pk": member.pk})
    assert f"{collect}?month={old:%Y-%m}" in body and "超期" in body
    form = client.get(f"{collect}?month={old:%Y-%m}")
    assert form.context["form"].initial["first_month"] == old
    assert client.get(f"{collect}?month=oops").context["form"].initial["first_month"] == this_month()
    data = {"first_month": f"{old:%Y-%m}", "count": "1", "paid_on": timezone.localdate().isoformat()}
    refused = client.post(collect, data)
    assert refused.status_code == 200
    assert f"最早可补缴 {months_ago(6):%Y-%m}" in refused.content.decode()
    assert not DuesReceipt.objects.exists()
    done = client.post(collect, {**data, "late_reason": "长期外出务工，支部认定有正当理由"})
    assert done.status_code == 302
    assert DuesReceipt.objects.get().late_reason == "长期外出务工，支部认定有正当理由"
    row = next(r for r in arrears_list(org=dues.b1, today=timezone.localdate()) if r.member == member)
    assert old not in [m.month for m in row.unpaid]


def test_collect_form_records_a_voluntary_extra_and_says_it_goes_to_the_centre(dues, client_for):
    """Dues Rules art. 11: the secretary records the extra beside the month; at 1000 yuan it is for the Centre."""
    member = dues.members[0]
    url = reverse("dues:duesentry_collect", kwargs={"org_pk": dues.b1.pk, "member_pk": member.pk})
    data = {"first_month": f"{this_month():%Y-%m}", "count": "1", "paid_on": timezone.localdate().isoformat()}
    response = client_for(dues.clerk).post(url, {**data, "extra": "1000.00"}, follow=True)
    assert "全额上缴中央" in response.content.decode()
    receipt = DuesReceipt.objects.get()
    assert receipt.to_centre and receipt.total == D("1040.00")
    assert receipt.entries.filter(kind=DuesEntry.Kind.EXTRA, amount=D("1000.00")).exists()


def test_a_member_without_a_standard_is_shown_and_led_to_the_standard_form(
    dues, world, client_for, django_assert_max_num_queries
):
    """DOMAIN §3: 未核定 on the branch's dues page and batch screen, with the way to the standard form from the
    month owed (the admission, import and transfer-in flows link to dues:member_standard)."""
    from dues.exports import register_sheet
    from tests.factories import MemberFactory

    from .factories import months_ago

    member = MemberFactory(branch=world.b1, name="新党员", status="probationary", joined_on=months_ago(1))
    client = client_for(dues.clerk)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("dues:organization_dues", kwargs={"org_pk": world.b1.pk})).content.decode()
    assert "新党员" in page and "未核定" in page
    assert "未核定" in client.get(_batch_url(world.b1)).content.decode()
    response = client.get(reverse("dues:member_standard", kwargs={"member_pk": member.pk}))
    change = reverse("dues:duesstandard_change", kwargs={"org_pk": world.b1.pk, "member_pk": member.pk})
    assert response["Location"] == f"{change}?month={months_ago(1):%Y-%m}"
    assert client.get(response["Location"]).context["form"].initial["month"] == months_ago(1)
    sheet = register_sheet(world.b1, this_month())
    assert any(row[1] == "新党员" and row[2] == "未核定" for row in sheet.rows)


def test_reconciliation_states_its_basis_and_lists_a_remittance_dated_in_the_period_for_earlier_months(
    dues, world, township_secretary, client_for, time_machine
):
    """The reconciliation puts remittances on one stated basis (the months they settle) and shows every remittance
    with those months and its date: the township's quarter shows 上缴上级 0.00 beside a hand-over dated in it
    that settles the quarter before, listed apart; never "-0.00"."""
    from dues.forms import quarter_start

    today = timezone.localdate()
    q1 = quarter_start(today)
    services.dues_collect(org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk)
    q2 = add_months(q1, 3)
    time_machine.move_to(moment(q2 + datetime.timedelta(days=4)))
    services.dues_remit(org=dues.b1, first_month=q1, last_month=add_months(q1, 2), by=dues.clerk)
    q3 = add_months(q2, 3)
    time_machine.move_to(moment(q3 + datetime.timedelta(days=9)))
    up = services.dues_remit(org=world.t1, first_month=q2, last_month=add_months(q2, 2), by=township_secretary)
    assert up.amount == D("40.00")

    client = client_for(township_secretary)
    url = reverse("dues:reconciliation", kwargs={"org_pk": world.t1.pk})
    body = client.get(f"{url}?first={q3:%Y-%m}&last={add_months(q3, 2):%Y-%m}").content.decode()
    assert "口径" in body and "-0.00" not in body
    assert 'data-testid="remitted">0.00<' in body
    earlier = body[body.index('data-testid="handed-earlier"') :]
    assert up.code in earlier and f"{q2:%Y-%m}～{add_months(q2, 2):%Y-%m}" in earlier
    assert up.handed_on.isoformat() in earlier
    # The quarter whose months it settles counts it, though it was handed over later.
    body = client.get(f"{url}?first={q2:%Y-%m}&last={add_months(q2, 2):%Y-%m}").content.decode()
    assert 'data-testid="remitted">-40.00<' in body and 'data-testid="reconciled"' in body
    assert "-0.00" not in body


def test_a_member_registered_in_from_outside_is_led_to_the_dues_standard(world, branch_secretary, client_for):
    """DOMAIN §3 / §5: a member transferred in from outside the county owes dues from arriving and has no
    standard yet: the flow's message links to the standard form, and the member shows as 未核定."""
    from dues.selectors import unassessed_list
    from members.models import Member
    from tests.movements.test_transfer_services import _incoming

    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in _incoming().items()}
    url = reverse("movements:transfer_register_in", kwargs={"org_pk": world.b1.pk})
    response = client_for(branch_secretary).post(url, data, follow=True)
    member = Member.objects.get(name="马晓梅")
    body = response.content.decode()
    assert "核定党费标准" in body and reverse("dues:member_standard", kwargs={"member_pk": member.pk}) in body
    assert member in [r.member for r in unassessed_list(org=world.b1, today=timezone.localdate())]
