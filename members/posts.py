"""Writes to the posts held in an organisation (DOMAIN §1 office holders). Callers hold members.write on the
member's branch."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.models import Organization

from .models import Member, MemberPost, Post


@transaction.atomic
def post_add(*, by, member: Member, organization: Organization, post: str, started_on: datetime.date) -> MemberPost:
    """Record that `member` holds `post` in `organization` from `started_on`; one current secretary per
    organisation (the database decides)."""
    if not (organization.path.startswith(member.branch.path) or member.branch.path.startswith(organization.path)):
        raise ValidationError({"organization": [_("只能在党员所在组织或其上下级组织任职")]})
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": [_("任职日期不能晚于今天")]})
    record = MemberPost(member=member, organization=organization, post=post, started_on=started_on)
    record.full_clean(validate_constraints=False)
    audited(record, by)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:
        raise ValidationError(
            {"post": [_("%(org)s已有现任书记，请先为现任书记登记离任日期") % {"org": organization.name}]}
        ) from error
    return record


@transaction.atomic
def post_end(*, by, post: MemberPost, ended_on: datetime.date) -> MemberPost:
    """Close a post on `ended_on` (not before it started, not in the future)."""
    post = MemberPost.objects.select_for_update().get(pk=post.pk)
    if post.ended_on is not None:
        raise ValidationError({"ended_on": [_("该职务已离任")]})
    if ended_on < post.started_on:
        raise ValidationError({"ended_on": [_("离任日期不能早于任职日期")]})
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": [_("离任日期不能晚于今天")]})
    post.ended_on = ended_on
    audited(post, by).save()
    return post


def current_post_label(value: str) -> str:
    return str(Post(value).label)
