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


class Grade(models.Model):
    """One grade of the county's scale for the yearly assessment of branches (党组织分类定级 / 星级评定), with its
    criteria: local practice, edited in 系统管理. The scale of a year is the set of rows with the latest
    `from_year` not after it; to change the scale from next year, add that year's rows."""

    from_year = models.PositiveSmallIntegerField(_("适用起始年度"))
    rank = models.PositiveSmallIntegerField(_("等次顺序"), help_text=_("1 为最高等次"))
    name = models.CharField(_("等次名称"), max_length=20, help_text=_("如：五星、先进"))
    criteria = models.TextField(_("评定标准"), blank=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党组织评定等次")
        verbose_name_plural = _("党组织评定等次")
        ordering = ["-from_year", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["from_year", "rank"], name="grade_unique_rank"),
            models.UniqueConstraint(fields=["from_year", "name"], name="grade_unique_name"),
        ]

    def __str__(self):
        return self.name


class AssessmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("乡镇党委已评定，待县委组织部确认")
    RETURNED = "returned", _("县委组织部退回重评")
    CONFIRMED = "confirmed", _("县委组织部已确认")


class Assessment(models.Model):
    """A branch's grade for one year: proposed by its township with the year's figures as evidence, confirmed
    (or returned) by the county."""

    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("党支部")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="+", verbose_name=_("等次"))
    evidence = models.JSONField(_("评定依据（年度数据）"), default=list, blank=True)
    remarks = models.TextField(_("评定意见"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.PROPOSED
    )
    assessed_on = models.DateField(_("评定日期"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("评定人")
    )
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    return_reason = models.CharField(_("退回原因"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党组织年度评定")
        verbose_name_plural = _("党组织年度评定")
        ordering = ["-year", "branch"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "year"], name="assessment_one_per_year"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_on__isnull=False), name="assessment_confirmed_has_date"
            ),
        ]

    def __str__(self):
        return _("%(branch)s %(year)s年度：%(grade)s") % {"branch": self.branch, "year": self.year, "grade": self.grade}
