"""Scope sweep entries for the recruitment URLs: a file in b1 (township 1) and one in b3 (township 2)."""

import datetime

from django.core.files.base import ContentFile

from recruitment.models import Applicant, Step

from .factories import applicant


def _file(p, branch, name):
    existing = Applicant.objects.filter(branch=branch).first()
    return existing or applicant(by=p.county_admin, branch=branch, name=name, applied_on=datetime.date(2026, 1, 5))


def _step(p, branch, name):
    step = Step.objects.filter(applicant=_file(p, branch, name), number=1).get()
    if not step.document_file:
        step.document_file.save("申请书.pdf", ContentFile(b"%PDF-1.4"))
    return step


REGISTRY = {
    "applicant_pk": (lambda p: _file(p, p.world.b1, "本乡申请人").pk, lambda p: _file(p, p.world.b3, "外乡申请人").pk),
    "step_pk": (lambda p: _step(p, p.world.b1, "本乡申请人").pk, lambda p: _step(p, p.world.b3, "外乡申请人").pk),
}
