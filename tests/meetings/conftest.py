import pytest

from tests.factories import MemberFactory


@pytest.fixture
def roll(world):
    """A village branch of 35: 32 full members (2 of them working away, 2 in party group 1), 3 probationary.
    Index 28 and 29 are mobile, 30–32 probationary, 33–34 in the group."""
    full = [MemberFactory(branch=world.b1) for _ in range(28)]
    mobile = [MemberFactory(branch=world.b1, is_mobile=True) for _ in range(2)]
    probationary = [MemberFactory(branch=world.b1, status="probationary") for _ in range(3)]
    grouped = [MemberFactory(branch=world.b1, group=world.g1) for _ in range(2)]
    return full + mobile + probationary + grouped
