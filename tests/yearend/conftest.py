import pytest

from tests.yearend import county as yearend_county


@pytest.fixture
def county(world, county_admin):
    return yearend_county.build(world, county_admin)
