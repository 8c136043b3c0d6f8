from types import SimpleNamespace

import pytest

from .factories import member_with_standard


@pytest.fixture
def dues(world, branch_secretary):
    """Branch b1 with three members paying 40.00 a month (base 4000 at 1%) since January of last year, and
    one member of b3 (the other township)."""
    members = [member_with_standard(world.b1, by=branch_secretary, name=f"甲{i}") for i in range(3)]
    foreign = member_with_standard(world.b3, by=branch_secretary, name="丙一")
    return SimpleNamespace(world=world, clerk=branch_secretary, members=members, foreign=foreign, b1=world.b1)
