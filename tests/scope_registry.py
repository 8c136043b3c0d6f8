"""How the scope sweep finds an object for each URL keyword.

Every URL keyword that names an object must be registered, with two builders taking the sweep's people
(`p.world`, `p.county_admin`, `p.township_secretary`, `p.branch_secretary`, `p.outsider`): one returning
an id the county administrator may open (the page must answer), one returning an id of township 2 (the
township-1 branch and township secretaries must get 404 or 403). A URL with an unregistered keyword fails
the sweep, so a new view cannot forget its scope test.

Each app keeps its own entries in `tests/<app>/scope*.py` as a dict named REGISTRY."""

import importlib
from pathlib import Path

from django.core.files.base import ContentFile

from branches.models import Role
from members.crypto import seal_bytes
from partywork.models import Job


def _job(user):
    job = Job.objects.create(user=user, kind="test", status=Job.Status.DONE, result_name="a.xlsx")
    job.result.save("a.xlsx", ContentFile(seal_bytes(b"x")))  # files are sealed at rest (partywork/jobs.py)
    return job


REGISTRY = {
    "org_pk": (lambda p: p.world.b1.pk, lambda p: p.world.b3.pk),
    "user_pk": (lambda p: p.branch_secretary.pk, lambda p: p.outsider.pk),
    "role_pk": (
        lambda p: Role.objects.get(user=p.branch_secretary).pk,
        lambda p: Role.objects.get(user=p.outsider).pk,
    ),
    "job_pk": (lambda p: _job(p.county_admin).pk, lambda p: _job(p.outsider).pk),
}

# Every tests/<app>/scope*.py contributes its REGISTRY.
for _path in sorted(Path(__file__).parent.glob("*/scope*.py")):
    _module = importlib.import_module(f"tests.{_path.parent.name}.{_path.stem}")
    REGISTRY.update(_module.REGISTRY)
