from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from branches.models import Organization
from members.models import Member, Person

from . import rules


class RuleSet(models.Model):
    """The parameters of the procedure from one year on (DOMAIN §4; the [local] ones vary by county). The
    set whose `applies_from` year is the latest not after a step's year governs that step."""

    applies_from = models.PositiveSmallIntegerField(_("适用起始年度"), unique=True)
    min_age = models.PositiveSmallIntegerField(_("申请入党最低年龄（周岁）"), default=18)
    talk_within_months = models.PositiveSmallIntegerField(_("收到申请书后谈话期限（月）"), default=1)
    application_to_activist_months = models.PositiveSmallIntegerField(_("申请后确定积极分子最短间隔（月）"), default=6)
    activist_to_candidate_months = models.PositiveSmallIntegerField(_("积极分子培养期（月）"), default=12)
    assessment_interval_months = models.PositiveSmallIntegerField(_("积极分子考察间隔（月）"), default=6)
    political_review_valid_months = models.PositiveSmallIntegerField(_("政治审查有效期（月）"), default=12)
    training_min_days = models.PositiveSmallIntegerField(_("集中培训最少天数"), default=3)
    training_min_hours = models.PositiveSmallIntegerField(_("集中培训最少学时"), default=24)
    vote_within_months_of_prereview = models.PositiveSmallIntegerField(_("预审后表决期限（月）"), default=1)
    approval_within_months = models.PositiveSmallIntegerField(_("表决后审批期限（月）"), default=3)
    approval_special_months = models.PositiveSmallIntegerField(_("特殊情况审批期限（月）"), default=6)
    probation_months = models.PositiveSmallIntegerField(_("预备期（月）"), default=12)
    extension_min_months = models.PositiveSmallIntegerField(_("延长预备期最短（月）"), default=6)
    extension_max_months = models.PositiveSmallIntegerField(_("延长预备期最长（月）"), default=12)
    notice_min_workdays = models.PositiveSmallIntegerField(_("公示最少工作日"), default=5)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("发展党员规则参数")
        verbose_name_plural = _("发展党员规则参数")
        ordering = ["-applies_from"]

    def __str__(self):
        return str(_("%(year)d年起适用") % {"year": self.applies_from})

    def as_params(self) -> rules.Params:
        return rules.Params(**{name: getattr(self, name) for name in rules.PARAM_FIELDS})


class ApplicantQuerySet(models.QuerySet):
    def visible_to(self, user, permission: str = "recruitment.view"):
        from branches.scoping import scope_q

        return self.filter(scope_q(user, permission, field="branch"))


class Applicant(Person):
    """A person's recruitment file (发展党员档案) in one branch. Where they stand is derived from the
    steps recorded, never typed."""

    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="applicants", verbose_name=_("所在党支部")
    )
    member = models.OneToOneField(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recruitment_file",
        verbose_name=_("党员档案"),
    )
    closed_on = models.DateField(_("终止日期"), null=True, blank=True)
    closed_reason = models.CharField(_("终止原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("建档时间"), auto_now_add=True)

    objects = ApplicantQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_initials", "name_pinyin"])

    class Meta:
        verbose_name = _("入党申请人")
        verbose_name_plural = _("入党申请人")
        ordering = ["branch__path", "name_pinyin", "pk"]
        constraints = [
            # One file per person (DOMAIN §8: personal data stored once).
            models.UniqueConstraint(fields=["id_number_hash"], name="applicant_one_file_per_person"),
        ]


class Step(models.Model):
    """One of the 25 steps as it happened: its date, the people involved, the document it produced and who
    recorded it. Steps are never edited; a wrong record is corrected by the county in the admin, audited."""

    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="steps", verbose_name=_("申请人"))
    number = models.PositiveSmallIntegerField(
        _("步骤"), validators=[MinValueValidator(1), MaxValueValidator(rules.LAST_STEP)]
    )
    on = models.DateField(_("日期"))
    participants = models.CharField(
        _("参与人员"), max_length=200, blank=True, help_text=_("谈话人、审批的党委委员会等")
    )
    people = models.ManyToManyField(
        Member, blank=True, related_name="recruitment_roles", verbose_name=_("培养联系人/入党介绍人")
    )
    document = models.CharField(_("形成的材料"), max_length=200, blank=True, help_text=_("材料名称及文号"))
    document_file = models.FileField(_("材料扫描件"), upload_to="recruitment/%Y/", blank=True)
    notes = models.TextField(_("备注"), blank=True)
    # Step-specific data (DOMAIN §4).
    training_days = models.PositiveSmallIntegerField(_("培训天数"), null=True, blank=True)
    training_hours = models.PositiveSmallIntegerField(_("培训学时"), null=True, blank=True)
    notice_from = models.DateField(_("公示开始日期"), null=True, blank=True)
    notice_to = models.DateField(_("公示结束日期"), null=True, blank=True)
    should_attend = models.PositiveSmallIntegerField(_("应到有表决权党员"), null=True, blank=True)
    present = models.PositiveSmallIntegerField(_("实到有表决权党员"), null=True, blank=True)
    yes_votes = models.PositiveSmallIntegerField(_("赞成票（含书面表决）"), null=True, blank=True)
    no_votes = models.PositiveSmallIntegerField(_("反对票"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("弃权票"), null=True, blank=True)
    outcome = models.CharField(_("讨论结果"), max_length=10, choices=rules.Outcome.CHOICES, blank=True)
    extension_months = models.PositiveSmallIntegerField(_("延长预备期（月）"), null=True, blank=True)
    notice_workdays_note = models.CharField(
        _("公示工作日计算说明"),
        max_length=300,
        blank=True,
        help_text=_("公示期所在年度尚无节假日安排时，工作日按周一至周五计算，在此注明"),
    )
    exceptions = models.ManyToManyField("RuleException", blank=True, related_name="steps", verbose_name=_("适用例外"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("发展步骤")
        verbose_name_plural = _("发展步骤")
        ordering = ["on", "number", "pk"]
        indexes = [models.Index(fields=["applicant", "number"])]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=25), name="step_number_in_range"),
        ]

    def __str__(self):
        return rules.step_name(self.number)

    @property
    def title(self) -> str:
        return rules.step_name(self.number)

    def as_fact(self) -> rules.StepFact:
        return rules.StepFact(
            number=self.number,
            on=self.on,
            outcome=self.outcome,
            extension_months=self.extension_months,
            training_days=self.training_days,
            training_hours=self.training_hours,
            notice_from=self.notice_from,
            notice_to=self.notice_to,
            should_attend=self.should_attend,
            present=self.present,
            yes_votes=self.yes_votes,
            no_votes=self.no_votes,
            abstentions=self.abstentions,
        )


class StepCorrection(models.Model):
    """A correction of a recorded step (issue 10 item 15): who, when, why, and each changed field with its
    value before and after, shown under the step. The step's own history (simple-history) keeps the original
    row too; nothing is overwritten without a trace."""

    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("发展步骤"))
    reason = models.CharField(_("更正原因"), max_length=300)
    changes = models.JSONField(_("更正内容"), default=list, help_text=_("[{字段, 原值, 新值}]"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("更正人")
    )
    corrected_at = models.DateTimeField(_("更正时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("步骤更正")
        verbose_name_plural = _("步骤更正")
        ordering = ["corrected_at", "pk"]


class RuleException(models.Model):
    """An exception to one rule for one applicant, recorded by the township with its reason. It stays on
    the file for inspectors to see."""

    applicant = models.ForeignKey(
        Applicant, on_delete=models.PROTECT, related_name="rule_exceptions", verbose_name=_("申请人")
    )
    rule = models.CharField(_("规则"), max_length=30, choices=rules.RULE_CHOICES)
    reason = models.CharField(_("理由"), max_length=300)
    document = models.CharField(_("批准文件"), max_length=200, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    granted_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("规则例外")
        verbose_name_plural = _("规则例外")
        ordering = ["granted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["applicant", "rule"], name="exception_once_per_rule")]

    def __str__(self):
        return f"{self.get_rule_display()}：{self.reason}"


class Target(models.Model):
    """A yearly recruitment target (DOMAIN §4): a township's, set by the county, or a branch's, set by its
    township (the seed township plans 1–2 new members and 3 activists per village branch)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="recruitment_targets", verbose_name=_("党组织")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    new_members = models.PositiveSmallIntegerField(_("发展党员计划数"))
    new_activists = models.PositiveSmallIntegerField(_("确定积极分子计划数"), default=0)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("设定时间"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("发展党员年度计划")
        verbose_name_plural = _("发展党员年度计划")
        ordering = ["-year", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="target_once_per_year")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class WorkCalendarYear(models.Model):
    """The official holidays and adjusted working days of one year (issue 10 item 14), entered by the county
    administrator in 系统管理 from the State Council's notice, with its source. For that year it takes
    precedence over the chinesecalendar library; a year neither knows is counted Monday to Friday, with a
    warning."""

    year = models.PositiveSmallIntegerField(
        _("年度"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source = models.CharField(
        _("依据"),
        max_length=200,
        help_text=_("如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["-year"]

    def __str__(self):
        return str(_("%(year)d年节假日安排") % {"year": self.year})


class WorkCalendarDay(models.Model):
    """One day of a year's arrangement: an official holiday (放假) or an adjusted working day (调休上班)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    calendar = models.ForeignKey(
        WorkCalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("节假日安排")
    )
    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=30, blank=True, help_text=_("如：春节、国庆节"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("节假日或调休日")
        verbose_name_plural = _("节假日和调休日")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day.isoformat()} {self.get_kind_display()}"

    def clean(self):
        if self.day and self.calendar_id and self.day.year != self.calendar.year:
            raise ValidationError({"day": _("日期须在%(year)d年内") % {"year": self.calendar.year}})
        if self.day and self.kind == self.Kind.WORKDAY and self.day.weekday() < 5:
            raise ValidationError({"kind": _("调休上班日应为周六或周日；周一至周五本来就是工作日")})
