"""Scope-sweep builders for the meetings app's URL keywords."""

from tests.meetings import factories as f


def _meeting(p, branch):
    f.members(branch, 2)
    return f.meeting(branch, p.county_admin, kinds=("general", "appraisal"))


REGISTRY = {
    "meeting_pk": (lambda p: _meeting(p, p.world.b1).pk, lambda p: _meeting(p, p.world.b3).pk),
    "attachment_pk": (
        lambda p: f.attachment(_meeting(p, p.world.b1), p.county_admin).pk,
        lambda p: f.attachment(_meeting(p, p.world.b3), p.county_admin).pk,
    ),
    "site_pk": (
        lambda p: f.site(p.world.t1, p.world.b1).pk,
        lambda p: f.site(p.world.t2, p.world.b3).pk,
    ),
}
