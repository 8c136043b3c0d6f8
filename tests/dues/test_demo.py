"""The demo dues: two years through the real services, reconciling, idempotent, and coping with no members."""

import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from dues import demo, selectors
from dues.models import DuesEntry, DuesRemittance, DuesStandard
from partywork.dates import add_months, month_end
from tests.factories import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _context():
    result = branches_demo.seed(password="Demo-Password-42")
    return {**result, "password": "x", "today": timezone.localdate(), "stdout": io.StringIO()}


def test_demo_without_members_adds_nothing(db):
    context = _context()
    demo.seed(context)
    assert DuesEntry.objects.count() == 0


def test_demo_builds_two_reconciling_years_and_is_idempotent(db):
    context = _context()
    today = context["today"]
    branch = Organization.objects.get(code="QS0101")
    other = Organization.objects.get(code="QS0201")
    for org, count in ((branch, 12), (other, 4)):
        for i in range(count):
            MemberFactory(branch=org, name=f"{org.code}党员{i}", occupation=["farmer", "worker", "retired"][i % 3])
    admitted = add_months(today.replace(day=1), -2).replace(day=10)
    newcomer = MemberFactory(branch=other, name="新党员", status="probationary", joined_on=admitted)
    demo.seed(context)
    entries = DuesEntry.objects.count()
    # From January of last year to this month, everyone pays every month, except two members of the bigger
    # branch who stopped 4 and 7 months ago (5 and 8 months unpaid) and one who missed the month 9 months ago
    # (DOMAIN §3: an old unpaid month stays in arrears); one payment is reversed and paid again.
    months = 12 + today.month
    assert entries == 16 * months - 5 - 8 - 1 + 2
    assert DuesEntry.objects.filter(kind=DuesEntry.Kind.REVERSAL).count() == 1
    assert DuesRemittance.objects.filter(from_org=branch).count() >= 4
    levels = {row.level for row in selectors.arrears_list(org=branch, today=today)}
    assert {"warning", "escalation"} <= levels
    old = add_months(today.replace(day=1), -9)
    gaps = [r for r in selectors.arrears_list(org=branch, today=today) if [m.month for m in r.unpaid] == [old]]
    assert len(gaps) == 1 and gaps[0].unpaid[0].late and gaps[0].run == 0
    # The new member admitted two months ago has no standard: shown as 未核定, never left out (DOMAIN §3).
    assert not DuesStandard.objects.filter(member=newcomer).exists()
    row = next(r for r in selectors.arrears_list(org=other, today=today) if r.member == newcomer)
    assert [(m.month, m.amount) for m in row.unpaid] == [
        (admitted.replace(day=1), None),
        (add_months(admitted, 1).replace(day=1), None),
    ]
    assert [r.member for r in selectors.unassessed_list(org=other, today=today)] == [newcomer]
    # Every completed quarter reconciles to zero at the branch and at the township.
    last_remitted = DuesRemittance.objects.filter(from_org=branch).order_by("-last_month").first()
    first = add_months(last_remitted.last_month, -2)
    assert selectors.reconciliation(org=branch, first=first, last=month_end(last_remitted.last_month)).balanced
    township = Organization.objects.get(pk=last_remitted.to_org_id)
    up = DuesRemittance.objects.filter(from_org=township).order_by("-last_month").first()
    assert up.to_org == context["county"] and up.amount > 0
    assert selectors.reconciliation(org=township, first=up.first_month, last=month_end(up.last_month)).balanced
    demo.seed(context)
    assert DuesEntry.objects.count() == entries
