"""Letter numbers under concurrency (PostgreSQL row locks): two clerks issuing at once get consecutive
serials, never the same one and never a gap."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from movements.models import Transfer
from tests.factories import MemberFactory

from .builders import letter_out

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_concurrent_letters_get_consecutive_numbers(world, county_admin, require_postgres):
    members = [MemberFactory(branch=world.b1), MemberFactory(branch=world.b3)]
    barrier = threading.Barrier(len(members))
    errors = []

    def issue(member):
        try:
            barrier.wait(timeout=10)
            letter_out(by=county_admin, member=member)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    year = timezone.localdate().year
    numbers = sorted(Transfer.objects.values_list("letter_number", flat=True))
    assert numbers == [f"测试组转〔{year}〕第001号", f"测试组转〔{year}〕第002号"]
