"""The dues ledger's writes: every refused input changes nothing; numbers have no gaps; the ledger reconciles."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dues import rules, selectors, services
from dues.models import DuesEntry, DuesReceipt, DuesRelief, DuesRemittance, DuesStandard, PaidMonth
from dues.obligations import params_versions
from dues.rules import Category
from members.services import member_move, member_set_lifecycle
from partywork.dates import add_months, month_end
from tests.clock import moment

from .factories import member_with_standard, months_ago, this_month

D = Decimal
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _ledger_size():
    return (
        DuesEntry.objects.count(),
        DuesReceipt.objects.count(),
        PaidMonth.objects.count(),
        DuesRemittance.objects.count(),
    )


def _refused(match, fn, **kwargs):
    before = _ledger_size()
    with pytest.raises(ValidationError) as info:
        fn(**kwargs)
    assert match in " ".join(info.value.messages), info.value.messages
    assert _ledger_size() == before


def test_the_shipped_parameters_are_the_national_defaults(db):
    """The data migration ships the Dues Rules 2008 brackets and the 0.50 farmer default."""
    assert params_versions() == [rules.DEFAULT_PARAMS]


def test_yearly_standard_keeps_category_base_and_parameters(dues):
    year = timezone.localdate().year
    a, b, c = dues.members
    count = services.standards_set(
        org=dues.b1,
        year=year,
        rows=[
            services.StandardInput(a, Category.SALARIED, D("3000.01")),
            services.StandardInput(b, Category.RETIRED, D("5000.00")),
            services.StandardInput(c, Category.FARMER, D("1234.00")),
        ],
        by=dues.clerk,
    )
    assert count == 3
    rows = {s.member_id: s for s in DuesStandard.objects.filter(valid_from=datetime.date(year, 1, 1))}
    assert (rows[a.pk].category, rows[a.pk].base, rows[a.pk].amount) == (Category.SALARIED, D("3000.01"), D("30.00"))
    assert (rows[b.pk].base, rows[b.pk].amount) == (D("5000.00"), D("25.00"))
    assert (rows[c.pk].base, rows[c.pk].amount, rows[c.pk].parameters_year) == (None, D("0.50"), 2008)
    assert rows[a.pk].history.count() == 1


def test_yearly_standard_is_all_or_nothing(dues):
    year = timezone.localdate().year
    a, b, _c = dues.members
    before = DuesStandard.objects.count()
    with pytest.raises(ValidationError, match="基数"):
        services.standards_set(
            org=dues.b1,
            year=year,
            rows=[
                services.StandardInput(a, Category.SALARIED, D("3000")),
                services.StandardInput(b, Category.RETIRED, None),
            ],
            by=dues.clerk,
        )
    assert DuesStandard.objects.count() == before


def test_a_recorded_income_change_applies_from_its_month(dues):
    """Dues Rules: a recorded change of income applies from the month it happens."""
    member = dues.members[0]
    change = add_months(this_month(), -2)
    services.standard_change(
        org=dues.b1,
        member=member,
        month=change,
        category=Category.SALARIED,
        base=D("12000"),
        reason="晋升",
        by=dues.clerk,
    )
    card = {row.month: row for row in selectors.member_card(member=member, year=change.year)}
    assert card[change].obligation.amount == D("240.00")
    if change.month > 1:
        assert card[add_months(change, -1)].obligation.amount == D("40.00")


def test_a_reduction_counts_only_once_the_township_approves(dues, township_secretary):
    member = dues.members[0]
    month = this_month()
    relief = services.relief_request(
        org=dues.b1,
        member=member,
        kind=DuesRelief.Kind.REDUCTION,
        first_month=month,
        last_month=month,
        amount=D("5.00"),
        reason="因病生活困难",
        decided_on=timezone.localdate(),
        by=dues.clerk,
    )
    row = next(r for r in selectors.batch_rows(org=dues.b1, month=month) if r.member == member)
    assert row.obligation.amount == D("40.00")
    with pytest.raises(ValidationError, match="上级审批"):
        services.relief_decide(relief=relief, approve=True, note="", by=dues.clerk)
    services.relief_decide(relief=relief, approve=True, note="同意", by=township_secretary)
    row = next(r for r in selectors.batch_rows(org=dues.b1, month=month) if r.member == member)
    assert row.obligation.amount == D("5.00")
    with pytest.raises(ValidationError, match="重复审批"):
        services.relief_decide(relief=relief, approve=False, note="", by=township_secretary)


def test_a_waived_month_is_not_owed(dues, township_secretary):
    member = dues.members[0]
    month = months_ago(1)
    relief = services.relief_request(
        org=dues.b1,
        member=member,
        kind=DuesRelief.Kind.WAIVER,
        first_month=month,
        last_month=month,
        amount=None,
        reason="低保",
        decided_on=timezone.localdate(),
        by=dues.clerk,
    )
    services.relief_decide(relief=relief, approve=True, note="", by=township_secretary)
    row = next(r for r in selectors.batch_rows(org=dues.b1, month=month) if r.member == member)
    assert not row.obligation.owed and not row.can_pay


def test_collect_several_months_on_one_numbered_receipt(dues):
    member = dues.members[0]
    months = [months_ago(2), months_ago(1), this_month()]
    receipt = services.dues_collect(
        org=dues.b1, member=member, months=months, paid_on=timezone.localdate(), by=dues.clerk
    )
    assert receipt.total == D("120.00") and receipt.number == 1 and not receipt.to_centre
    assert list(receipt.entries.values_list("month", "amount")) == [(m, D("40.00")) for m in months]
    second = services.dues_collect(
        org=dues.b1, member=dues.members[1], months=[this_month()], paid_on=timezone.localdate(), by=dues.clerk
    )
    assert second.number == 2


def test_receipt_numbers_have_no_gaps_after_a_refused_payment(dues):
    today = timezone.localdate()
    services.dues_collect(org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk)
    with pytest.raises(ValidationError):
        services.dues_collect(org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk)
    receipt = services.dues_collect(
        org=dues.b1, member=dues.members[1], months=[this_month()], paid_on=today, by=dues.clerk
    )
    assert receipt.number == 2


@pytest.mark.parametrize("extra,to_centre", [("999.99", False), ("1000.00", True), ("1000.01", True)])
def test_dues_rules_art_11_a_voluntary_extra_of_1000_goes_to_the_centre(dues, extra, to_centre):
    """Dues Rules art. 11: a member who voluntarily pays 1000 yuan or more beyond their dues in one go has it all
    remitted to the Centre; the extra is its own kind of entry, beside the month's regular dues."""
    receipt = services.dues_collect(
        org=dues.b1,
        member=dues.members[0],
        months=[this_month()],
        paid_on=timezone.localdate(),
        extra=D(extra),
        by=dues.clerk,
    )
    assert receipt.to_centre is to_centre and receipt.total == D("40.00") + D(extra)
    kinds = sorted(receipt.entries.values_list("kind", "amount"))
    assert kinds == [(DuesEntry.Kind.EXTRA, D(extra)), (DuesEntry.Kind.PAYMENT, D("40.00"))]
    assert PaidMonth.objects.filter(member=dues.members[0]).count() == 1  # the extra pays no month
    first, last = _quarter()
    rec = selectors.reconciliation(org=dues.b1, first=first, last=last)
    assert rec.collected == receipt.total
    assert rec.centre == (D(extra) if to_centre else D("0.00"))


def test_dues_rules_art_11_regular_dues_on_one_receipt_are_never_for_the_centre(dues):
    """Dues Rules art. 11: regular dues paid ahead or behind on one receipt are never flagged, however large."""
    months = [add_months(this_month(), i) for i in range(-6, 7)]
    receipt = services.dues_collect(
        org=dues.b1,
        member=dues.members[0],
        months=months,
        paid_on=timezone.localdate(),
        amounts=dict.fromkeys(months, D("100.00")),
        by=dues.clerk,
    )
    assert receipt.total == D("1300.00") and not receipt.to_centre
    assert not receipt.entries.filter(kind=DuesEntry.Kind.EXTRA).exists()


def test_a_voluntary_extra_alone_and_its_reversal(dues):
    """Dues Rules art. 11: an extra can be paid without a month; a mistake is reversed like any entry."""
    receipt = services.dues_collect(
        org=dues.b1, member=dues.members[1], months=[], paid_on=timezone.localdate(), extra="1500", by=dues.clerk
    )
    extra = receipt.entries.get()
    assert (extra.kind, extra.amount, extra.month, receipt.to_centre) == ("extra", D("1500.00"), this_month(), True)
    services.dues_reverse(entry=extra, reason="金额记错", by=dues.clerk)
    first, last = _quarter()
    rec = selectors.reconciliation(org=dues.b1, first=first, last=last)
    assert rec.centre == D("0.00") and rec.closing == D("0.00")
    _refused(
        "自愿多交",
        services.dues_collect,
        org=dues.b1,
        member=dues.members[1],
        months=[],
        paid_on=timezone.localdate(),
        extra="-1",
        by=dues.clerk,
    )
    _refused(
        "或填写自愿多交",
        services.dues_collect,
        org=dues.b1,
        member=dues.members[1],
        months=[],
        paid_on=timezone.localdate(),
        by=dues.clerk,
    )


@pytest.mark.parametrize(
    "amount,match",
    [(D("0"), "大于零"), (D("-5"), "大于零"), (D("1.005"), "两位小数"), ("12.345", "两位小数")],
)
def test_bad_amounts_are_refused_and_nothing_is_written(dues, amount, match):
    _refused(
        match,
        services.dues_collect,
        org=dues.b1,
        member=dues.members[0],
        months=[this_month()],
        paid_on=timezone.localdate(),
        amounts={this_month(): amount},
        by=dues.clerk,
    )


def test_a_month_already_paid_is_refused(dues):
    today = timezone.localdate()
    services.dues_collect(org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk)
    _refused(
        "已缴纳",
        services.dues_collect,
        org=dues.b1,
        member=dues.members[0],
        months=[months_ago(1), this_month()],
        paid_on=today,
        by=dues.clerk,
    )


def test_more_than_six_months_ahead_is_refused(dues):
    """Dues Rules: at most 6 months in advance."""
    months = [add_months(this_month(), i) for i in range(8)]
    _refused(
        "预缴",
        services.dues_collect,
        org=dues.b1,
        member=dues.members[0],
        months=months,
        paid_on=timezone.localdate(),
        by=dues.clerk,
    )
    receipt = services.dues_collect(
        org=dues.b1, member=dues.members[0], months=months[:7], paid_on=timezone.localdate(), by=dues.clerk
    )
    assert receipt.entries.count() == 7


def test_more_than_six_months_in_arrears_needs_the_branch_reason(dues):
    """Dues Rules art. 12: back-payment generally not more than 6 months; an older month is paid with the
    branch's recorded reason, and the refusal says the earliest month allowed and how to record the reason."""
    _refused(
        f"最早可补缴 {months_ago(6):%Y-%m}",
        services.dues_collect,
        org=dues.b1,
        member=dues.members[0],
        months=[months_ago(7)],
        paid_on=timezone.localdate(),
        by=dues.clerk,
    )
    receipt = services.dues_collect(
        org=dues.b1,
        member=dues.members[0],
        months=[months_ago(7)],
        paid_on=timezone.localdate(),
        late_reason="  外出务工期间失联，支部委员会认定有正当理由  ",
        by=dues.clerk,
    )
    assert receipt.late_reason == "外出务工期间失联，支部委员会认定有正当理由"
    assert receipt.entries.get().month == months_ago(7)


def test_a_reason_is_kept_only_where_the_rule_asks_for_one(dues):
    """Dues Rules art. 12: within 6 months no reason is needed, so none is recorded on the receipt."""
    receipt = services.dues_collect(
        org=dues.b1,
        member=dues.members[0],
        months=[months_ago(6)],
        paid_on=timezone.localdate(),
        late_reason="无关说明",
        by=dues.clerk,
    )
    assert receipt.late_reason == ""


def test_the_batch_refuses_a_month_older_than_six_and_says_where_to_record_it(dues):
    """Dues Rules art. 12: an old month needs a reason per member, which the batch page does not take."""
    _refused(
        "写明超期补缴原因",
        services.dues_collect_batch,
        org=dues.b1,
        month=months_ago(7),
        payments=[(dues.members[0], None)],
        paid_on=timezone.localdate(),
        by=dues.clerk,
    )


def test_arrears_list_every_unpaid_month_not_only_the_latest_run(dues):
    """DOMAIN §3 (Constitution art. 9): arrears are every month owed and unpaid; the run counts only the
    consecutive ended months. A member paid up except one old month and last month shows both months, run 1."""
    a = dues.members[0]
    today = timezone.localdate()
    first = datetime.date(today.year - 1, 1, 1)
    old = months_ago(9)
    paid = [m for m in rules.month_range(first, this_month()) if m not in (old, months_ago(1))]
    for month in paid:
        services.dues_collect(
            org=dues.b1, member=a, months=[month], paid_on=min(month_end(month), today), by=dues.clerk
        )
    rows = {r.member: r for r in selectors.arrears_list(org=dues.world.t1, today=today)}
    row = rows[a]
    assert [m.month for m in row.unpaid] == [old, months_ago(1)]
    assert [m.late for m in row.unpaid] == [True, False]
    assert row.run == 1 and row.level == ""
    assert row.total == D("80.00")
    # The old month can be paid with the branch's reason; it then leaves the list.
    services.dues_collect(org=dues.b1, member=a, months=[old], paid_on=today, late_reason="支部认定", by=dues.clerk)
    row = next(r for r in selectors.arrears_list(org=dues.world.t1, today=today) if r.member == a)
    assert [m.month for m in row.unpaid] == [months_ago(1)]


def test_the_current_month_is_not_in_arrears_until_it_ends(dues):
    """Constitution art. 9: the current month is not unpaid until it ends."""
    a = dues.members[0]
    today = timezone.localdate()
    months = rules.month_range(datetime.date(today.year - 1, 1, 1), months_ago(1))
    for month in months:
        services.dues_collect(
            org=dues.b1, member=a, months=[month], paid_on=min(month_end(month), today), by=dues.clerk
        )
    assert a not in {r.member for r in selectors.arrears_list(org=dues.world.t1, today=today)}


def test_a_month_before_joining_is_refused(dues, world):
    """Dues Rules: probationary members pay from the month of admission."""
    joined = months_ago(1).replace(day=15)
    member = member_with_standard(
        world.b1, by=dues.clerk, joined_on=joined, status="probationary", valid_from=months_ago(3), name="新党员"
    )
    _refused(
        "入党月份",
        services.dues_collect,
        org=dues.b1,
        member=member,
        months=[months_ago(2), months_ago(1)],
        paid_on=timezone.localdate(),
        by=dues.clerk,
    )
    services.dues_collect(
        org=dues.b1, member=member, months=[months_ago(1)], paid_on=timezone.localdate(), by=dues.clerk
    )


def test_a_future_payment_date_is_refused(dues):
    _refused(
        "晚于今天",
        services.dues_collect,
        org=dues.b1,
        member=dues.members[0],
        months=[this_month()],
        paid_on=timezone.localdate() + datetime.timedelta(days=1),
        by=dues.clerk,
    )


def test_a_transfer_splits_the_months_between_branches(dues, world, county_admin):
    """The old branch collects the month of the transfer; the new branch from the next month."""
    member = dues.members[0]
    moved_on = months_ago(1).replace(day=10)
    member_move(by=county_admin, member=member, to_branch=world.b2, on=moved_on, reason="工作调动")
    member.refresh_from_db()
    today = timezone.localdate()
    _refused(
        "当时所在支部",
        services.dues_collect,
        org=world.b2,
        member=member,
        months=[months_ago(1)],
        paid_on=today,
        by=county_admin,
    )
    _refused(
        "当时所在支部",
        services.dues_collect,
        org=dues.b1,
        member=member,
        months=[this_month()],
        paid_on=today,
        by=county_admin,
    )
    services.dues_collect(org=dues.b1, member=member, months=[months_ago(1)], paid_on=today, by=county_admin)
    services.dues_collect(org=world.b2, member=member, months=[this_month()], paid_on=today, by=county_admin)
    assert [r.member for r in selectors.batch_rows(org=world.b2, month=this_month())] == [member]
    assert member not in [r.member for r in selectors.batch_rows(org=dues.b1, month=this_month())]
    assert member in [r.member for r in selectors.batch_rows(org=dues.b1, month=months_ago(1))]


def test_nothing_is_owed_after_leaving(dues, county_admin):
    member = dues.members[0]
    member_set_lifecycle(
        by=county_admin, member=member, state="deceased", on=months_ago(2).replace(day=5), reason="病故"
    )
    _refused(
        "不在本支部",
        services.dues_collect,
        org=dues.b1,
        member=member,
        months=[months_ago(1)],
        paid_on=timezone.localdate(),
        by=county_admin,
    )


def test_a_reversal_references_the_original_and_frees_the_month(dues):
    today = timezone.localdate()
    receipt = services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk
    )
    entry = receipt.entries.get()
    reversal = services.dues_reverse(entry=entry, reason="误记", by=dues.clerk)
    assert reversal.reverses == entry and reversal.kind == DuesEntry.Kind.REVERSAL and reversal.amount == entry.amount
    assert not PaidMonth.objects.filter(member=dues.members[0]).exists()
    again = services.dues_collect(
        org=dues.b1,
        member=dues.members[0],
        months=[this_month()],
        paid_on=today,
        amounts={this_month(): D("45.00")},
        by=dues.clerk,
    )
    assert again.number == 2
    entry.refresh_from_db()
    assert entry.amount == D("40.00")  # the original is untouched


def test_reversing_twice_or_reversing_a_reversal_is_refused(dues):
    today = timezone.localdate()
    entry = services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk
    ).entries.get()
    reversal = services.dues_reverse(entry=entry, reason="误记", by=dues.clerk)
    _refused("不能重复冲正", services.dues_reverse, entry=entry, reason="再冲", by=dues.clerk)
    _refused("不能再冲正", services.dues_reverse, entry=reversal, reason="再冲", by=dues.clerk)
    _refused("原因", services.dues_reverse, entry=entry, reason=" ", by=dues.clerk)


def test_the_database_refuses_a_second_reversal_and_a_second_live_payment(dues):
    today = timezone.localdate()
    entry = services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk
    ).entries.get()
    services.dues_reverse(entry=entry, reason="误记", by=dues.clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        DuesEntry.objects.create(
            organization=dues.b1,
            member=entry.member,
            kind=DuesEntry.Kind.REVERSAL,
            month=entry.month,
            amount=entry.amount,
            booked_on=today,
            reverses=entry,
            reason="绕过服务",
            created_by=dues.clerk,
        )
    other = services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[this_month()], paid_on=today, by=dues.clerk
    ).entries.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        PaidMonth.objects.create(member=dues.members[0], month=this_month(), entry=entry)
    assert PaidMonth.objects.get(member=dues.members[0]).entry == other


def _quarter():
    today = timezone.localdate()
    first = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return first, add_months(first, 2)


def test_remittance_closes_the_period_and_reconciles_to_the_fen(
    dues, world, township_secretary, county_admin, time_machine
):
    today = timezone.localdate()
    first, last = _quarter()
    a, b, c = dues.members
    services.dues_collect_batch(
        org=dues.b1,
        month=this_month(),
        payments=[(a, D("40.00")), (b, D("40.01")), (c, D("33.33"))],
        paid_on=today,
        by=dues.clerk,
    )
    wrong = DuesEntry.objects.get(member=c)
    services.dues_reverse(entry=wrong, reason="金额记错", by=dues.clerk)
    services.dues_collect(org=dues.b1, member=c, months=[this_month()], paid_on=today, by=dues.clerk)
    rec = selectors.reconciliation(org=dues.b1, first=first, last=last)
    assert (rec.collected, rec.reversed, rec.remitted, rec.closing) == (D("153.34"), D("33.33"), D("0.00"), D("120.01"))
    assert rec.unremitted_total == rec.closing

    # The quarter can be closed once it has ended: the remittance is made the day after.
    time_machine.move_to(moment(month_end(last) + datetime.timedelta(days=1)))
    remittance = services.dues_remit(org=dues.b1, first_month=first, last_month=last, by=dues.clerk)
    assert (remittance.amount, remittance.to_org, remittance.number) == (D("120.01"), world.t1, 1)
    rec = selectors.reconciliation(org=dues.b1, first=first, last=last)
    assert rec.remitted == D("120.01") and rec.closing == D("0.00") and rec.balanced

    # The period is closed: a payment or a reversal dated into it is refused.
    _refused(
        "已上缴结账",
        services.dues_collect,
        org=dues.b1,
        member=a,
        months=[add_months(this_month(), 1)],
        paid_on=today,
        by=dues.clerk,
    )
    _refused(
        "已上缴结账",
        services.dues_reverse,
        entry=DuesEntry.objects.get(member=a),
        reason="更正",
        by=dues.clerk,
        on=today,
    )
    _refused("重叠", services.dues_remit, org=dues.b1, first_month=first, last_month=last, by=dues.clerk)

    # The township receives it in the next quarter's first month and hands it on once that month has ended;
    # its reconciliation comes to zero too.
    received_in = this_month()
    rec_t = selectors.reconciliation(org=world.t1, first=first, last=received_in)
    assert rec_t.received == D("120.01") and rec_t.closing == D("120.01")
    time_machine.move_to(moment(month_end(received_in) + datetime.timedelta(days=1)))
    up = services.dues_remit(org=world.t1, first_month=first, last_month=received_in, by=township_secretary)
    assert up.amount == D("120.01") and up.to_org == world.county
    assert selectors.reconciliation(org=world.t1, first=first, last=received_in).balanced
    assert selectors.reconciliation(org=world.county, first=first, last=this_month()).closing == D("120.01")


def test_a_later_correction_goes_into_the_current_period(dues):
    """A remitted period is closed: the reversal of an entry of that period is booked in the current one."""
    today = timezone.localdate()
    previous_first = add_months(_quarter()[0], -3)
    payment_day = previous_first + datetime.timedelta(days=14)
    entry = (
        services.dues_collect(
            org=dues.b1, member=dues.members[0], months=[previous_first], paid_on=payment_day, by=dues.clerk
        ).entries.get()
        if rules.months_apart(previous_first, this_month()) <= 6
        else None
    )
    if entry is None:
        pytest.skip("the previous quarter is out of the payment window")
    services.dues_remit(
        org=dues.b1, first_month=previous_first, last_month=add_months(previous_first, 2), by=dues.clerk
    )
    reversal = services.dues_reverse(entry=entry, reason="重复收取", by=dues.clerk)
    assert reversal.booked_on == today
    first, last = _quarter()
    rec = selectors.reconciliation(org=dues.b1, first=first, last=last)
    assert rec.reversed == D("40.00") and rec.closing == D("-40.00")
    assert rec.unremitted == [(today, f"冲正 {entry.member.name} {entry.month:%Y-%m}", D("-40.00"))]


def test_nothing_to_remit_is_refused(dues):
    first = add_months(_quarter()[0], -3)
    last = add_months(first, 2)
    _refused("没有可上缴", services.dues_remit, org=dues.b1, first_month=first, last_month=last, by=dues.clerk)


def test_arrears_warn_at_three_and_escalate_at_six(dues):
    """Constitution art. 9: six consecutive months unpaid → treated as having left; warn at 3."""
    a, b, c = dues.members
    today = timezone.localdate()
    # a pays everything up to now, b stops 4 months ago, c pays nothing for 7+ months.
    services.dues_collect(
        org=dues.b1, member=a, months=[months_ago(i) for i in range(6, -1, -1)], paid_on=today, by=dues.clerk
    )
    services.dues_collect(
        org=dues.b1, member=b, months=[months_ago(6), months_ago(5), months_ago(4)], paid_on=today, by=dues.clerk
    )
    rows = {r.member: r for r in selectors.arrears_list(org=dues.world.t1, today=today)}
    assert rows[a].run == 0 and rows[a].level == ""  # listed for older unpaid months only
    # Months ended unpaid: months_ago(3) .. months_ago(1); the current month does not count until it ends.
    assert rows[b].run == 3 and rows[b].level == "warning"
    assert rows[c].run >= 7 and rows[c].level == "escalation"


def test_dues_paid_until_for_the_transfer_letter(dues):
    a = dues.members[0]
    assert selectors.dues_paid_until(a) is None
    first = datetime.date(timezone.localdate().year - 1, 1, 1)
    # Pay every month from the start of the standard, each in its own month.
    month = first
    while month <= this_month():
        paid_on = min(month_end(month), timezone.localdate())
        services.dues_collect(org=dues.b1, member=a, months=[month], paid_on=paid_on, by=dues.clerk)
        month = add_months(month, 1)
    assert selectors.dues_paid_until(a) == this_month()
    services.dues_reverse(entry=DuesEntry.objects.get(member=a, month=months_ago(2)), reason="退回", by=dues.clerk)
    assert selectors.dues_paid_until(a) == months_ago(3)


def test_reminders_go_to_branch_officers_and_escalations_to_the_township(dues, township_secretary):
    from dues.reminders import due_reminders

    reminders = list(due_reminders(today=timezone.localdate()))
    kinds = {(r.recipient.username, r.kind, r.subject_key) for r in reminders}
    for member in dues.members:
        assert ("branch_secretary", "dues_arrears_6", f"member:{member.pk}") in kinds
        assert ("township_secretary", "dues_arrears_6", f"member:{member.pk}") in kinds
    assert all(
        r.subject_key != f"member:{dues.foreign.pk}" or r.recipient.username != "branch_secretary" for r in reminders
    )


def test_arrears_reminders_are_delivered_once_per_month(dues, township_secretary):
    from notices.models import Notification
    from notices.reminders import reminders_run

    today = timezone.localdate()
    reminders_run(today=today)
    sent = Notification.objects.filter(kind__startswith="dues_arrears").count()
    assert sent == 2 * len(dues.members)  # the branch secretary and the township secretary, each member
    reminders_run(today=today)
    assert Notification.objects.filter(kind__startswith="dues_arrears").count() == sent


def test_a_new_parameters_version_applies_from_its_year_only(dues):
    """Parameters are data versioned by the year they apply from: an administrator's 2027 version changes
    2027 standards and leaves earlier years alone."""
    from dues.models import DuesBracket, DuesParameters

    year = timezone.localdate().year
    new = DuesParameters.objects.create(year_from=year + 1, farmer_amount=D("1.00"), minimal_amount=D("0.20"))
    DuesBracket.objects.create(parameters=new, scale="salaried", upper=D("4000.00"), rate=D("0.005"))
    DuesBracket.objects.create(parameters=new, scale="salaried", upper=None, rate=D("0.01"))
    DuesBracket.objects.create(parameters=new, scale="retired", upper=None, rate=D("0.005"))
    a, b, _c = dues.members
    rows = [services.StandardInput(a, Category.SALARIED, D("4000")), services.StandardInput(b, Category.FARMER, None)]
    services.standards_set(org=dues.b1, year=year, rows=rows, by=dues.clerk)
    services.standards_set(org=dues.b1, year=year + 1, rows=rows, by=dues.clerk)
    this_year = DuesStandard.objects.get(member=a, valid_from=datetime.date(year, 1, 1))
    next_year = DuesStandard.objects.get(member=a, valid_from=datetime.date(year + 1, 1, 1))
    assert (this_year.amount, this_year.parameters_year) == (D("40.00"), 2008)
    assert (next_year.amount, next_year.parameters_year) == (D("20.00"), year + 1)
    assert DuesStandard.objects.get(member=b, valid_from=datetime.date(year + 1, 1, 1)).amount == D("1.00")


@pytest.mark.parametrize("farmer,allowed", [("0.19", False), ("0.20", True), ("1.00", True), ("1.01", False)])
def test_dues_rules_art_6_parameters_outside_the_range_are_refused_as_data(db, farmer, allowed):
    """Dues Rules 2008 art. 6: the farmer amount 0.20–1.00, by model validation (the admin's form) and by a
    database check constraint (any other write)."""
    from dues.models import DuesParameters

    params = DuesParameters(year_from=2030, farmer_amount=D(farmer), minimal_amount=D("0.20"))
    if allowed:
        params.full_clean()
        params.save()
        return
    with pytest.raises(ValidationError) as refused:
        params.full_clean()
    assert "0.20 至 1.00 元之间" in " ".join(refused.value.message_dict["farmer_amount"])
    with pytest.raises(IntegrityError), transaction.atomic():
        params.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        DuesParameters.objects.create(year_from=2031, farmer_amount=D("0.50"), minimal_amount=D("0.30"))


def test_dues_rules_art_6_a_standard_outside_its_category_range_is_refused_as_data(dues):
    """Dues Rules 2008 art. 6: a farmer's standard 0.20–1.00, a student's 0.20, whatever writes it."""
    member = dues.members[0]
    standard = DuesStandard(
        member=member,
        organization=dues.b1,
        valid_from=this_month(),
        category=Category.FARMER,
        amount=D("1.50"),
        parameters_year=2008,
        set_by=dues.clerk,
    )
    with pytest.raises(ValidationError, match=r"0\.20 至 1\.00 元之间"):
        standard.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        standard.save()
    standard.category, standard.amount = Category.STUDENT, D("0.50")
    with pytest.raises(IntegrityError), transaction.atomic():
        standard.save()
    standard.amount = D("0.20")
    standard.full_clean()
    standard.save()


@pytest.mark.parametrize("days_after_month_end,allowed", [(-1, False), (0, False), (1, True), (2, True)])
def test_a_remittance_cannot_close_the_month_it_is_made_in(dues, time_machine, days_after_month_end, allowed):
    """Dues Rules (上缴): a period is closed only once it has ended. Remitting month M on its second-to-last day
    (the day before), its last day (the day) is refused; on the 1st of the next month (the day after) and the
    2nd it closes. The refusal names the latest month that can be closed."""
    month = months_ago(2)
    services.dues_collect(
        org=dues.b1, member=dues.members[0], months=[month], paid_on=month + datetime.timedelta(days=3), by=dues.clerk
    )
    time_machine.move_to(moment(month_end(month) + datetime.timedelta(days=days_after_month_end)))
    if allowed:
        remittance = services.dues_remit(org=dues.b1, first_month=month, last_month=month, by=dues.clerk)
        assert remittance.amount == D("40.00") and remittance.handed_on > month_end(month)
    else:
        _refused(
            f"截止月份最晚为 {add_months(month, -1):%Y-%m}",
            services.dues_remit,
            org=dues.b1,
            first_month=month,
            last_month=month,
            by=dues.clerk,
        )


@pytest.mark.parametrize(
    "admitted_day,first_owed",
    [(-1, -1), (0, 0), (1, 0)],  # the day before the 1st of a month, the 1st, the day after
)
def test_a_new_member_without_a_standard_owes_from_the_admission_month_as_unassessed(
    dues, world, admitted_day, first_owed
):
    """Dues Rules (预备党员从支部大会通过之月起交纳党费) and DOMAIN §3: a member without a standard still owes
    and is shown as 未核定 on the batch screen, in arrears and to the reminders, never left out."""
    from tests.factories import MemberFactory

    month = months_ago(2)
    admitted = month + datetime.timedelta(days=admitted_day)
    member = MemberFactory(branch=world.b1, name="新党员", status="probationary", joined_on=admitted)
    first = add_months(month, first_owed)
    today = timezone.localdate()
    row = next(r for r in selectors.arrears_list(org=world.b1, today=today) if r.member == member)
    assert [(m.month, m.amount) for m in row.unpaid] == [(m, None) for m in rules.month_range(first, months_ago(1))]
    assert row.total == D("0.00") and row.unassessed == len(row.unpaid) and row.run == 0
    unassessed = {r.member: r for r in selectors.unassessed_list(org=world.t1, today=today)}
    assert unassessed[member].first == first and unassessed[member].months == len(row.unpaid) + 1
    assert all(m not in unassessed for m in dues.members)
    batch = next(r for r in selectors.batch_rows(org=world.b1, month=this_month()) if r.member == member)
    assert batch.unassessed and not batch.can_pay
    assert selectors.first_unassessed_month(member=member, today=today) == first


def test_a_month_paid_without_a_standard_is_marked_unassessed_in_the_reconciliation(dues, world):
    """DOMAIN §3: the reconciliation's explanation shows a payment for a month without a standard as 未核定."""
    from tests.factories import MemberFactory

    member = MemberFactory(branch=world.b1, name="新党员", status="probationary", joined_on=months_ago(1))
    services.dues_collect(
        org=dues.b1,
        member=member,
        months=[this_month()],
        paid_on=timezone.localdate(),
        amounts={this_month(): D("0.50")},
        by=dues.clerk,
    )
    first, last = _quarter()
    labels = [label for _d, label, _a in selectors.reconciliation(org=dues.b1, first=first, last=last).unremitted]
    assert any("新党员" in label and "未核定" in label for label in labels)


def test_the_branch_is_reminded_once_a_month_to_set_a_missing_standard(dues, world, township_secretary):
    """DOMAIN §3: a member without a standard still owes; the branch officers are reminded to set it."""
    from dues.reminders import due_reminders
    from notices.models import Notification
    from notices.reminders import reminders_run
    from tests.factories import MemberFactory

    member = MemberFactory(branch=world.b1, name="新党员", status="probationary", joined_on=months_ago(1))
    today = timezone.localdate()
    reminders = [r for r in due_reminders(today=today) if r.kind == "dues_unassessed"]
    assert {(r.recipient.username, r.subject_key) for r in reminders} == {("branch_secretary", f"member:{member.pk}")}
    assert "尚未核定党费标准" in reminders[0].title and f"?month={months_ago(1):%Y-%m}" in reminders[0].url
    reminders_run(today=today)
    reminders_run(today=today)
    assert Notification.objects.filter(kind="dues_unassessed").count() == 1
