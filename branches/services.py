"""Writes to the organisation tree, accounts and roles. Callers have checked the permission on the org."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .audit import audited
from .models import Organization, Role, User
from .scoping import clear_scope_cache, roles_covering


@transaction.atomic
def org_create(*, parent: Organization, by: User, **fields) -> Organization:
    """Create an organisation under `parent`; the kind must fit the parent (DOMAIN §1). Caller holds org.manage
    on parent (or org.groups for a party group of a branch)."""
    kind = fields.get("kind")
    if not rules.can_hold(parent.kind, kind):
        raise ValidationError(
            {
                "kind": _("%(parent)s下不能设立%(kind)s。")
                % {"parent": parent.get_kind_display(), "kind": rules.OrgKind(kind).label}
            }
        )
    if not parent.is_active:
        raise ValidationError(_("上级组织已撤销，不能新建下级组织。"))
    org = Organization(**fields)
    org.full_clean(exclude=["path", "depth", "numchild"])
    audited(org, by)
    parent = Organization.objects.select_for_update().get(pk=parent.pk)
    return Organization.objects.add_child(parent, instance=org)


@transaction.atomic
def org_update(*, org: Organization, by: User, **fields) -> Organization:
    """Change an organisation's descriptive fields; the kind and the place in the tree do not change here."""
    for name, value in fields.items():
        setattr(org, name, value)
    org.full_clean(exclude=["path", "depth", "numchild"])
    audited(org, by).save()
    return org


@transaction.atomic
def org_deactivate(*, org: Organization, by: User, on: datetime.date, reason: str) -> Organization:
    """Deactivate (撤销) an organisation that has no active organisation under it. Nothing is deleted."""
    if not org.is_active:
        raise ValidationError(_("该组织已撤销。"))
    if Organization.objects.subtree(org, include_self=False).active().exists():
        raise ValidationError(_("该组织下还有未撤销的下级组织，请先撤销或调整下级组织。"))
    if not reason.strip():
        raise ValidationError({"deactivation_reason": _("请填写撤销原因。")})
    org.is_active = False
    org.deactivated_on = on
    org.deactivation_reason = reason
    audited(org, by).save()
    return org


def _check_grant(*, by: User, org: Organization, kind: str) -> None:
    """Nobody grants a role above their own scope: the org must lie in a subtree where the granter holds
    accounts.manage through a role that may grant `kind`, and the role must fit the org's kind."""
    if not rules.role_fits_org(kind, org.kind):
        raise ValidationError(
            {
                "kind": _("角色“%(role)s”不能设在%(org)s上。")
                % {"role": rules.RoleKind(kind).label, "org": org.get_kind_display()}
            }
        )
    granting = [
        r
        for r in roles_covering(by, org)
        if "accounts.manage" in rules.permissions_for(r.kind) and rules.can_grant(r.kind, kind)
    ]
    if not granting:
        raise PermissionDenied(_("您无权在该组织授予此角色。"))


@transaction.atomic
def role_grant(*, by: User, user: User, org: Organization, kind: str) -> Role:
    """Give `user` a role on `org`, within the granter's own scope and rank."""
    _check_grant(by=by, org=org, kind=kind)
    if Role.objects.filter(user=user, organization=org, kind=kind, is_active=True).exists():
        raise ValidationError(_("该用户在此组织已有这个角色。"))
    role = Role(user=user, organization=org, kind=kind, granted_by=by)
    role.full_clean()
    audited(role, by).save()
    clear_scope_cache(user)
    return role


@transaction.atomic
def role_revoke(*, by: User, role: Role) -> Role:
    """End a role. The row stays, so the audit trail shows who held what and when."""
    _check_grant(by=by, org=role.organization, kind=role.kind)
    if not role.is_active:
        raise ValidationError(_("该角色已撤销。"))
    role.is_active = False
    role.revoked_at = timezone.now()
    audited(role, by).save()
    clear_scope_cache(role.user)
    return role


@transaction.atomic
def user_create(
    *, by: User, username: str, full_name: str, phone: str, password: str, org: Organization, kind: str
) -> User:
    """Create an account with its first role. The password must pass the configured validators."""
    from django.contrib.auth.password_validation import validate_password

    _check_grant(by=by, org=org, kind=kind)
    user = User(username=username, full_name=full_name, phone=phone)
    user.full_clean(exclude=["password"])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from error
    user.set_password(password)
    audited(user, by).save()
    role_grant(by=by, user=user, org=org, kind=kind)
    return user


@transaction.atomic
def user_set_active(*, by: User, user: User, active: bool) -> User:
    """Disable or re-enable an account. Only someone who may manage every role the user holds may do it."""
    if user.pk == by.pk:
        raise ValidationError(_("不能停用自己的账号。"))
    for role in user.roles.filter(is_active=True).select_related("organization"):
        _check_grant(by=by, org=role.organization, kind=role.kind)
    user.is_active = active
    audited(user, by).save()
    return user
