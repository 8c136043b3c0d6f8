"""Fixtures shared by the movements tests."""

import pytest

from branches.rules import RoleKind
from branches.scoping import clear_scope_cache
from tests.factories import RoleFactory, UserFactory


@pytest.fixture
def b2_secretary(world):
    """The secretary of the other branch of township 1: the receiving side of a transfer within the county."""
    user = UserFactory(username="b2_secretary")
    RoleFactory(user=user, organization=world.b2, kind=RoleKind.BRANCH_SECRETARY)
    clear_scope_cache(user)
    return user
