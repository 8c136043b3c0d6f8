from django.urls import reverse
from django.utils import timezone

from branches.models import Organization, Role
from branches.rules import OrgKind, RoleKind
from tests.factories import OrganizationFactory


def test_tree_page_lists_visible_orgs_with_counts(world, client_for, township_secretary):
    response = client_for(township_secretary).get(reverse("branches:organization_tree"))
    assert response.status_code == 200
    orgs = list(response.context["orgs"])
    assert [o.code for o in orgs] == ["C01", "C0101", "C0102"]
    assert orgs[0].branch_count == 2 and orgs[0].group_count == 1
    assert "丙村党支部" not in response.content.decode()


def test_tree_page_runs_bounded_queries_at_county_scale(world, client_for, county_admin, django_assert_max_num_queries):
    for t in range(5):
        township = OrganizationFactory(parent=world.county, code=f"Z{t:02d}", kind=OrgKind.TOWNSHIP)
        for b in range(10):
            branch = OrganizationFactory(parent=township, code=f"Z{t:02d}{b:02d}")
            OrganizationFactory(parent=branch, code=f"Z{t:02d}{b:02d}01", kind=OrgKind.GROUP)
    client = client_for(county_admin)
    # Session, user, roles, the tree, then one count per tree level and kind: bounded by the tree's depth
    # (at most six levels), never by its size.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("branches:organization_tree"))
    assert len(response.context["orgs"]) == 1 + 7 + 53


def test_org_page_shows_breadcrumbs_children_and_history(world, client_for, township_secretary):
    response = client_for(township_secretary).get(reverse("branches:organization_detail", args=[world.b1.pk]))
    assert response.status_code == 200
    assert [o.pk for o in response.context["breadcrumbs"]] == [world.county.pk, world.t1.pk]
    assert list(response.context["children"]) == [world.g1]
    assert "变更记录" in response.content.decode()


def test_branch_secretary_adds_a_party_group_but_not_a_branch(world, client_for, branch_secretary):
    client = client_for(branch_secretary)
    url = reverse("branches:organization_create", args=[world.b1.pk])
    response = client.post(
        url, {"name": "甲村第二党小组", "kind": OrgKind.GROUP, "category": "village", "code": "C010102"}
    )
    assert response.status_code == 302
    assert Organization.objects.get_parent(Organization.objects.get(code="C010102")) == world.b1
    # A branch secretary may not edit the branch record itself, only its groups.
    assert client.get(reverse("branches:organization_update", args=[world.b1.pk])).status_code == 404
    assert client.get(reverse("branches:organization_update", args=[world.g1.pk])).status_code == 200
    # ...and may not create anything under the township.
    assert client.get(reverse("branches:organization_create", args=[world.t1.pk])).status_code == 404


def test_rejected_form_keeps_input_and_shows_chinese_error(world, client_for, township_secretary):
    response = client_for(township_secretary).post(
        reverse("branches:organization_create", args=[world.t1.pk]),
        {"name": "新支部", "kind": OrgKind.BRANCH, "category": "village", "code": "C0101"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="新支部"' in body
    assert "已存在" in body
    assert not Organization.objects.filter(name="新支部").exists()


def test_deactivate_view(world, client_for, township_secretary):
    client = client_for(township_secretary)
    url = reverse("branches:organization_deactivate", args=[world.b2.pk])
    response = client.post(url, {"on": timezone.localdate().isoformat(), "reason": "并入甲村"})
    assert response.status_code == 302
    world.b2.refresh_from_db()
    assert not world.b2.is_active
    # Deactivated organisations drop out of the tree.
    tree = client.get(reverse("branches:organization_tree"))
    assert world.b2 not in list(tree.context["orgs"])


def test_township_secretary_creates_account_from_branch_page(world, client_for, township_secretary):
    client = client_for(township_secretary)
    url = reverse("branches:user_create", args=[world.b2.pk])
    form = client.get(url).context["form"]
    assert RoleKind.COUNTY_ADMIN not in dict(form.fields["kind"].choices)
    response = client.post(
        url,
        {
            "username": "yicun",
            "full_name": "乙村书记",
            "kind": RoleKind.BRANCH_SECRETARY,
            "password1": "Yicun-Branch-2026!",
            "password2": "Yicun-Branch-2026!",
        },
    )
    assert response.status_code == 302
    assert Role.objects.get(user__username="yicun").organization == world.b2


def test_weak_password_is_refused_in_chinese(world, client_for, township_secretary):
    response = client_for(township_secretary).post(
        reverse("branches:user_create", args=[world.b2.pk]),
        {
            "username": "yicun",
            "full_name": "乙村书记",
            "kind": RoleKind.BRANCH_SECRETARY,
            "password1": "abc",
            "password2": "abc",
        },
    )
    assert response.status_code == 200
    assert "密码" in response.content.decode() and "12" in response.content.decode()
    assert 'value="乙村书记"' in response.content.decode()


def test_branch_secretary_has_no_account_pages(world, client_for, branch_secretary):
    client = client_for(branch_secretary)
    assert client.get(reverse("branches:user_list")).status_code == 403
    assert client.get(reverse("branches:user_create", args=[world.b1.pk])).status_code == 404


def test_navigation_shows_only_what_roles_allow(world, client_for, branch_secretary, township_secretary):
    body = client_for(branch_secretary).get(reverse("home")).content.decode()
    assert reverse("branches:user_list") not in body
    body = client_for(township_secretary).get(reverse("home")).content.decode()
    assert reverse("branches:user_list") in body


def test_user_list_is_scoped(world, client_for, township_secretary, branch_secretary, outsider):
    response = client_for(township_secretary).get(reverse("branches:user_list"))
    usernames = {u.username for u in response.context["users"]}
    assert "branch_secretary" in usernames
    assert "outsider" not in usernames


def test_grant_and_revoke_role_through_pages(world, client_for, township_secretary, branch_secretary):
    client = client_for(township_secretary)
    response = client.post(
        reverse("branches:role_grant", args=[branch_secretary.pk]),
        {"organization": world.b2.pk, "kind": RoleKind.BRANCH_ORGANIZER},
    )
    assert response.status_code == 302
    role = Role.objects.get(user=branch_secretary, organization=world.b2)
    response = client.post(reverse("branches:role_revoke", args=[role.pk]))
    role.refresh_from_db()
    assert not role.is_active
    detail = client.get(reverse("branches:user_detail", args=[branch_secretary.pk])).content.decode()
    assert "变更记录" in detail
