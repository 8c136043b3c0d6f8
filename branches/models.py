from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from .rules import BRANCH_KINDS, TOWNSHIP_KINDS, OrgCategory, OrgKind, RoleKind


class User(AbstractUser):
    """A login. What it may see and do comes only from its roles."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username


def subtree_q(org, field: str = "organization") -> Q:
    """Rows whose `field` (a foreign key to Organization; "" for Organization itself) lies in `org`'s
    subtree, `org` included: one indexed prefix condition on the materialised path. `org` may also be a
    path, or an expression such as `OuterRef("path")`."""
    path = getattr(org, "path", org)
    return Q(**{f"{field}__path__startswith" if field else "path__startswith": path})


class OrganizationQuerySet(MP_NodeQuerySet):
    """Tree queries, meant to be chained: `Organization.objects.subtree(township).branches().active()`.
    Inactive (撤销) organisations are kept unless `.active()` is asked for."""

    def active(self):
        return self.filter(is_active=True)

    def subtree(self, org, *, include_self: bool = True):
        """`org` and everything under it; only what lies under it with `include_self=False`. `org` may be
        an Organization or a path."""
        qs = self.filter(subtree_q(org, field=""))
        return qs if include_self else qs.exclude(path=getattr(org, "path", org))

    def children_of(self, org):
        """The organisations directly under `org`."""
        return self.filter(subtree_q(org, field=""), depth=org.depth + 1)

    def ancestors_of(self, org):
        """The organisations above `org` (its path spells its ancestry, so this is one query)."""
        return self.filter(path__in=org.ancestor_paths())

    def branches(self):
        """Branches and general branches: the organisations that hold members."""
        return self.filter(kind__in=BRANCH_KINDS)

    def townships(self):
        """Township party committees and grassroots committees at their level."""
        return self.filter(kind__in=TOWNSHIP_KINDS)

    def groups(self):
        """Party groups (党小组)."""
        return self.filter(kind=OrgKind.GROUP)

    def visible_to(self, user, permission: str = "org.view"):
        from .scoping import scope_q

        return self.filter(scope_q(user, permission, field=""))


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self):
        return OrganizationQuerySet(self.model).order_by("path")


class Organization(MP_Node):
    """A node of the county's party organisation tree, with a materialised path (treebeard)."""

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("组织类型"), max_length=20, choices=OrgKind.choices)
    category = models.CharField(_("类别"), max_length=20, choices=OrgCategory.choices, default=OrgCategory.OTHER)
    code = models.CharField(_("组织代码"), max_length=32, unique=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    deactivated_on = models.DateField(_("撤销日期"), null=True, blank=True)
    deactivation_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)

    objects = OrganizationManager()
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild"])

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        indexes = [models.Index(fields=["kind", "is_active"])]

    def __str__(self):
        return self.name

    def ancestor_paths(self) -> list[str]:
        return [self.path[: self.steplen * depth] for depth in range(1, self.depth)]

    @property
    def display_name(self):
        return self.short_name or self.name


class Role(models.Model):
    """A user's role on one organisation; it applies to that organisation and everything under it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="roles", verbose_name=_("用户")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="roles", verbose_name=_("所属组织")
    )
    kind = models.CharField(_("角色"), max_length=30, choices=RoleKind.choices)
    is_active = models.BooleanField(_("有效"), default=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("授权人"),
    )
    granted_at = models.DateTimeField(_("授权时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "kind"],
                condition=Q(is_active=True),
                name="role_unique_active",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.organization}"
