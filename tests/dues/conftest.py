from types import SimpleNamespace

import pytest

from .factories import ensure_default_parameters, member_with_standard


@pytest.fixture(autouse=True)
def _dues_parameters(request):
    """Transactional tests flush the parameters the data migration shipped: put them back."""
    if (
        "db" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or request.node.get_closest_marker("django_db")
    ):
        request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
        ensure_default_parameters()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return "transactional_db" in request.fixturenames or bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture
def dues(world, branch_secretary):
    """Branch b1 with three members paying 40.00 a month (base 4000 at 1%) since January of last year, and
    one member of b3 (the other township)."""
    members = [member_with_standard(world.b1, by=branch_secretary, name=f"甲{i}") for i in range(3)]
    foreign = member_with_standard(world.b3, by=branch_secretary, name="丙一")
    return SimpleNamespace(world=world, clerk=branch_secretary, members=members, foreign=foreign, b1=world.b1)
