import pytest

from .factories import full_members


@pytest.fixture
def sponsors(world):
    """Three full members of branch b1: enough to sponsor and to vote."""
    return full_members(world.b1, 3)
