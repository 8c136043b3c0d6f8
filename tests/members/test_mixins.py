"""MemberPermissionMixin: the member named in the URL is loaded through the scope, on every page that uses it."""

import datetime

from django.urls import reverse

from members.services import member_move
from tests.factories import MemberFactory


def test_the_members_page_belongs_to_the_members_branch(world, township_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    response = client_for(township_secretary).get(reverse("members:member_detail", kwargs={"member_pk": member.pk}))
    assert response.context["member"] == member
    assert response.context["org"] == world.b1
    assert response.context["breadcrumbs"] == [world.county, world.t1]


def test_outside_the_scope_for_the_views_permission_is_404(world, outsider, reviewer, client_for):
    member = MemberFactory(branch=world.b1)
    detail = reverse("members:member_detail", kwargs={"member_pk": member.pk})
    edit = reverse("members:member_update", kwargs={"member_pk": member.pk})
    assert client_for(outsider).get(detail).status_code == 404
    # The reviewer sees the member but holds no members.write: the edit page does not exist for them.
    client = client_for(reviewer)
    assert client.get(detail).status_code == 200
    assert client.get(edit).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(world, client):
    member = MemberFactory(branch=world.b1)
    response = client.get(reverse("members:member_detail", kwargs={"member_pk": member.pk}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_dues_card_keeps_no_page_organisation(world, branch_secretary, client_for):
    """member_branch_is_page_org = False: the dues card shows the member without the branch's breadcrumbs."""
    member = MemberFactory(branch=world.b1)
    response = client_for(branch_secretary).get(reverse("dues:member_card", kwargs={"member_pk": member.pk}))
    assert response.context["member"] == member
    assert "breadcrumbs" not in response.context


def test_a_dues_page_loads_a_former_member_through_the_branch_in_the_url(world, county_admin, client_for):
    """The old branch still collects the months before a transfer; the page keeps the branch of the URL."""
    member = MemberFactory(branch=world.b1, joined_on=datetime.date(2000, 1, 1))
    member_move(by=county_admin, member=member, to_branch=world.b3, on=datetime.date(2020, 6, 1), reason="工作调动")
    client = client_for(county_admin)
    old = client.get(reverse("dues:duesentry_collect", kwargs={"org_pk": world.b1.pk, "member_pk": member.pk}))
    assert old.status_code == 200
    assert old.context["member"] == member and old.context["org"] == world.b1
    never = client.get(reverse("dues:duesentry_collect", kwargs={"org_pk": world.b2.pk, "member_pk": member.pk}))
    assert never.status_code == 404
