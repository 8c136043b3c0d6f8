"""ServiceFormMixin and apply_validation_error: a service's refusal lands on the form the user filled."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from branches.forms import DeactivateForm
from branches.mixins import apply_validation_error
from branches.models import Organization, Role
from branches.rules import RoleKind
from tests.factories import UserFactory


def test_field_messages_go_to_their_fields_and_the_rest_to_the_top():
    form = DeactivateForm({"on": "2020-01-01", "reason": "合并"})
    assert form.is_valid()
    apply_validation_error(form, ValidationError({"reason": ["请写明原因"], "deactivation_reason": ["另一字段"]}))
    assert form.errors["reason"] == ["请写明原因"]
    assert form.non_field_errors() == ["另一字段"]


def test_a_message_without_a_field_goes_to_the_top():
    form = DeactivateForm({"on": "2020-01-01", "reason": "合并"})
    assert form.is_valid()
    apply_validation_error(form, ValidationError(["第一条", "第二条"]))
    assert form.non_field_errors() == ["第一条", "第二条"]
    assert "reason" not in form.errors


def test_a_refused_service_shows_the_form_again_as_typed(world, client_for, township_secretary):
    """The township still has active branches: org_deactivate refuses, nothing changes, the input stays."""
    response = client_for(township_secretary).post(
        reverse("branches:organization_deactivate", args=[world.t1.pk]), {"on": "2020-01-01", "reason": "撤乡并镇"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == ["该组织下还有未撤销的下级组织，请先撤销或调整下级组织。"]
    assert form.data["reason"] == "撤乡并镇"
    assert 'value="撤乡并镇"' in response.content.decode()
    assert Organization.objects.get(pk=world.t1.pk).is_active


def test_a_service_that_succeeds_gets_the_views_response(world, client_for, township_secretary):
    response = client_for(township_secretary).post(
        reverse("branches:organization_deactivate", args=[world.b2.pk]), {"on": "2020-01-01", "reason": "并入甲村"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("branches:organization_detail", kwargs={"org_pk": world.b2.pk})
    assert not Organization.objects.get(pk=world.b2.pk).is_active


def test_granting_above_ones_rank_is_an_error_on_the_role(world, client_for, township_secretary, branch_secretary):
    """A township secretary may not make someone township secretary: the service's PermissionDenied is shown
    on the role field, like any other refusal."""
    response = client_for(township_secretary).post(
        reverse("branches:role_grant", args=[branch_secretary.pk]),
        {"organization": world.t1.pk, "kind": RoleKind.TOWNSHIP_SECRETARY},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == ["您无权在该组织授予此角色。"]
    assert not Role.objects.filter(user=branch_secretary, organization=world.t1).exists()


def test_an_apps_entry_goes_to_the_highest_organisation_in_scope(world, client_for, county_admin, branch_secretary):
    board = "recruitment:applicant_board"
    assert client_for(county_admin).get("/recruitment/")["Location"] == reverse(board, args=[world.county.pk])
    assert client_for(branch_secretary).get("/recruitment/")["Location"] == reverse(board, args=[world.b1.pk])


def test_an_apps_entry_refuses_a_user_without_the_permission_anywhere(world, client_for):
    nobody = UserFactory(username="nobody")
    assert client_for(nobody).get("/members/").status_code == 403
