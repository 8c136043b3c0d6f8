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


class WeaknessCriterion(models.Model):
    """One of the county's criteria for listing a branch as weak and lax (软弱涣散): local practice, edited in
    系统管理. A criterion no longer used is deactivated, never deleted (listings keep their reasons)."""

    name = models.CharField(_("认定情形"), max_length=60, unique=True)
    description = models.TextField(_("说明"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("软弱涣散认定情形")
        verbose_name_plural = _("软弱涣散认定情形")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("整顿中")
    CLOSED = "closed", _("已验收销号")


class Rectification(models.Model):
    """A branch on the list of weak and lax organisations under rectification: why, the plan, the township
    leader responsible (联系领导), an optional first secretary sent in, and the decision that closes it."""

    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="rectifications", verbose_name=_("党支部")
    )
    listed_on = models.DateField(_("列入日期"))
    reasons = models.ManyToManyField(WeaknessCriterion, related_name="+", verbose_name=_("认定情形"))
    situation = models.TextField(_("主要问题"), blank=True)
    plan = models.TextField(_("整顿方案"))
    leader_name = models.CharField(_("联系领导"), max_length=50)
    leader_title = models.CharField(_("联系领导职务"), max_length=50, blank=True, help_text=_("如：乡党委副书记"))
    first_secretary = models.CharField(_("第一书记"), max_length=50, blank=True)
    first_secretary_unit = models.CharField(_("第一书记选派单位"), max_length=100, blank=True)
    first_secretary_since = models.DateField(_("第一书记到任日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    closed_on = models.DateField(_("验收销号日期"), null=True, blank=True)
    closing_decision = models.TextField(_("验收意见"), blank=True)
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("列入人")
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("验收人"),
    )

    history = HistoricalRecords(m2m_fields=[reasons])

    class Meta:
        verbose_name = _("软弱涣散党组织整顿")
        verbose_name_plural = _("软弱涣散党组织整顿")
        ordering = ["-listed_on", "branch"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch"], condition=Q(status="open"), name="rectification_one_open_per_branch"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_on__isnull=False), name="rectification_closed_has_date"
            ),
        ]

    def __str__(self):
        return _("%(branch)s（%(day)s 列入）") % {"branch": self.branch, "day": self.listed_on.isoformat()}


class Milestone(models.Model):
    """A step of a rectification plan with its deadline; done when its date is recorded."""

    rectification = models.ForeignKey(
        Rectification, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("整顿")
    )
    title = models.CharField(_("整顿任务"), max_length=200)
    due_on = models.DateField(_("完成时限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    note = models.CharField(_("完成情况"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("整顿任务")
        verbose_name_plural = _("整顿任务")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class ProgressNote(models.Model):
    """The township's note on a rectification's progress in one quarter (one per quarter, corrected with
    history)."""

    rectification = models.ForeignKey(
        Rectification, on_delete=models.PROTECT, related_name="progress_notes", verbose_name=_("整顿")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    text = models.TextField(_("进展情况"))
    recorded_on = models.DateField(_("记录日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("记录人")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("整顿进展")
        verbose_name_plural = _("整顿进展")
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["rectification", "year", "quarter"], name="progress_one_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="progress_quarter_1_4"),
        ]

    def __str__(self):
        return f"{self.year}Q{self.quarter}"
