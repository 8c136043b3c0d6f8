"""What only PostgreSQL can prove: the database refuses to change ledger rows, and two clerks booking the same
month at the same moment end with one payment."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from dues import services
from dues.models import DuesEntry, DuesReceipt, PaidMonth

from .factories import member_with_standard, this_month

pytestmark = [pytest.mark.postgres, pytest.mark.dates]


@pytest.fixture
def paid_entry(world, branch_secretary):
    member = member_with_standard(world.b1, by=branch_secretary)
    receipt = services.dues_collect(
        org=world.b1, member=member, months=[this_month()], paid_on=timezone.localdate(), by=branch_secretary
    )
    return receipt.entries.get()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE dues_duesentry SET amount = 1 WHERE id = %s",
        "DELETE FROM dues_duesentry WHERE id = %s",
        "UPDATE dues_duesreceipt SET total = 1 WHERE id = (SELECT receipt_id FROM dues_duesentry WHERE id = %s)",
        "DELETE FROM dues_duesreceipt WHERE id = (SELECT receipt_id FROM dues_duesentry WHERE id = %s)",
    ],
)
def test_the_database_refuses_to_change_a_ledger_row(require_postgres, paid_entry, sql):
    """Ledger rows are append-only: a trigger refuses UPDATE and DELETE whoever runs them."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [paid_entry.pk])
    assert DuesEntry.objects.get(pk=paid_entry.pk).amount == Decimal("40.00")


@pytest.mark.django_db(transaction=True)
def test_two_clerks_booking_the_same_month_at_once_one_succeeds(
    require_postgres, world, branch_secretary, branch_organizer
):
    """Real concurrent transactions on two connections: exactly one payment, the other clerk told why."""
    member = member_with_standard(world.b1, by=branch_secretary)
    barrier = threading.Barrier(2)
    results = []

    def clerk(user):
        try:
            barrier.wait(timeout=10)
            receipt = services.dues_collect(
                org=world.b1, member=member, months=[this_month()], paid_on=timezone.localdate(), by=user
            )
            results.append(("ok", receipt.number))
        except ValidationError as error:
            results.append(("refused", " ".join(error.messages)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk, args=(u,)) for u in (branch_secretary, branch_organizer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["ok", "refused"], results
    message = next(text for kind, text in results if kind == "refused")
    assert "不能重复登记" in message or "同时登记" in message
    assert PaidMonth.objects.filter(member=member).count() == 1
    assert DuesEntry.objects.filter(member=member).count() == 1
    # The refused booking gave its receipt number back: no gap.
    assert list(DuesReceipt.objects.values_list("number", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
def test_concurrent_batches_of_one_branch_number_receipts_without_gaps(
    require_postgres, world, branch_secretary, branch_organizer
):
    members = [member_with_standard(world.b1, by=branch_secretary, name=f"并发{i}") for i in range(4)]
    barrier = threading.Barrier(2)
    errors = []

    def clerk(user, group):
        try:
            barrier.wait(timeout=10)
            services.dues_collect_batch(
                org=world.b1,
                month=this_month(),
                payments=[(m, Decimal("40.00")) for m in group],
                paid_on=timezone.localdate(),
                by=user,
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=clerk, args=(branch_secretary, members[:2])),
        threading.Thread(target=clerk, args=(branch_organizer, members[2:])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(DuesReceipt.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


@pytest.mark.django_db
def test_the_database_refuses_to_truncate_the_ledger(require_postgres, paid_entry):
    """Issue 15, finding 6: TRUNCATE (which row triggers do not see) is refused on the ledger tables unless
    the session allows it on purpose; the test settings allow it for Django's flush between tests."""
    for table in ("dues_duesentry", "dues_duesreceipt", "dues_historicalduesstandard"):
        refused = pytest.raises(DatabaseError, match="append-only: TRUNCATE")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            # The test's own inserts leave deferred foreign-key checks pending, which TRUNCATE would refuse first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL partywork.ledger_truncate = ''")
            cursor.execute(f"TRUNCATE {table} CASCADE")
    assert DuesEntry.objects.filter(pk=paid_entry.pk).exists()
