from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from branches.models import Organization
from members.models import Member, Post

# The posts a branch election fills (a party group's leader is not elected by the branch meeting).
COMMITTEE_POSTS = (Post.SECRETARY, Post.DEPUTY, Post.ORGANIZATION, Post.DISCIPLINE, Post.PROPAGANDA, Post.COMMITTEE)


class TermStatus(models.TextChoices):
    PENDING = "pending", _("待乡镇党委批准")
    APPROVED = "approved", _("已批准")


class CommitteeTerm(models.Model):
    """One term of a branch committee (or of its secretary), from the election the branch meeting held to the
    day the term ends; the township's approval makes the elected take over the posts."""

    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="committee_terms", verbose_name=_("党支部")
    )
    elected_on = models.DateField(_("选举日期"))
    term_years = models.PositiveSmallIntegerField(_("任期（年）"))
    ends_on = models.DateField(_("任期届满日期"))
    voters_expected = models.PositiveSmallIntegerField(_("应到会有选举权党员"))
    voters_present = models.PositiveSmallIntegerField(_("实到会有选举权党员"))
    result = models.TextField(_("选举结果"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=TermStatus.choices, default=TermStatus.PENDING)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    approval_ref = models.CharField(_("批复文号"), max_length=100, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("批准人"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("支部委员会届次")
        verbose_name_plural = _("支部委员会届次")
        ordering = ["branch", "-elected_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("elected_on")), name="term_ends_after_election"),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(approved_on__isnull=False), name="term_approved_has_date"
            ),
        ]

    def __str__(self):
        return _("%(branch)s %(day)s 选举") % {"branch": self.branch, "day": self.elected_on.isoformat()}


class CommitteeSeat(models.Model):
    """One person elected to one post in a term, with the votes in favour."""

    term = models.ForeignKey(CommitteeTerm, on_delete=models.PROTECT, related_name="seats", verbose_name=_("届次"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("当选人"))
    post = models.CharField(_("职务"), max_length=20, choices=[(p.value, p.label) for p in COMMITTEE_POSTS])
    votes_for = models.PositiveSmallIntegerField(_("赞成票"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("当选人")
        verbose_name_plural = _("当选人")
        constraints = [models.UniqueConstraint(fields=["term", "member"], name="seat_one_per_member")]

    def __str__(self):
        return f"{self.member} · {self.get_post_display()}"
