"""The organisations a dashboard shows, and how records are grouped under them.

A dashboard of an organisation shows one row per organisation directly below it (the townships of a county,
the branches of a township); a branch's overview has one row, the branch itself. Every record belongs to the
row whose path prefixes its branch's path, so figures are grouped in the database by `Substr(path, 1, n)`,
one query per figure whatever the number of rows.

The tree queries are the kernel's (`Organization.objects.subtree()`, `branches.models.subtree_q`)."""

from dataclasses import dataclass, field

from django.db.models.functions import Substr

from branches.models import Organization
from branches.rules import BRANCH_KINDS, OrgKind
from branches.scoping import orgs_for, scope_paths

PERMISSION = "reports.view"


@dataclass(frozen=True)
class Row:
    """One row of a dashboard: an organisation and the path prefix its records share. `own` marks the
    dashboard's organisation itself when it holds members of its own (a general branch)."""

    org: Organization
    key: str
    own: bool = False


@dataclass
class Level:
    org: Organization
    rows: list[Row]
    branches: list[Organization]
    length: int
    by_key: dict = field(default_factory=dict)

    def __post_init__(self):
        self.by_key = {row.key: row for row in self.rows}

    @property
    def is_branch(self) -> bool:
        return self.org.kind in BRANCH_KINDS and len(self.rows) == 1 and self.rows[0].own

    @property
    def branch_ids(self) -> list[int]:
        return [b.pk for b in self.branches]

    def key_of(self, path: str) -> str:
        """The row a record under `path` belongs to."""
        return path[: self.length] if len(path) >= self.length else self.org.path

    def row_of(self, path: str) -> Row | None:
        return self.by_key.get(self.key_of(path))


def level_for(*, user, org: Organization) -> Level:
    """The rows of `org`'s dashboard and the branches below it, all inside the user's scope (two queries)."""
    visible = orgs_for(user, PERMISSION).active().subtree(org)
    branches = list(visible.branches().order_by("path"))
    if org.kind in BRANCH_KINDS and not any(b.path != org.path for b in branches):
        return Level(org, [Row(org, org.path, own=True)], branches, len(org.path))
    children = list(visible.children_of(org).exclude(kind=OrgKind.GROUP).order_by("path"))
    rows = [Row(child, child.path) for child in children]
    if org.kind in BRANCH_KINDS:
        rows.insert(0, Row(org, org.path, own=True))
    return Level(org, rows, branches, len(org.path) + Organization.steplen)


def key_expression(field: str, length: int):
    """The row key of a record in the database: the first `length` characters of its organisation's path."""
    return Substr(f"{field}__path" if field else "path", 1, length)


def top_orgs(user) -> list[Organization]:
    """The highest organisations in which the user may read reports: their home dashboards (one query)."""
    paths = scope_paths(user, PERMISSION)
    return list(Organization.objects.filter(path__in=paths, is_active=True).order_by("depth", "path"))
