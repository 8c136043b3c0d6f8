from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from branches.models import Organization
from members.models import Member

from . import rules
from .rules import Category

MONEY = {"max_digits": 12, "decimal_places": 2}


class DuesParameters(models.Model):
    """The dues calculation in force from `year_from` on (Dues Rules; the farmer amount is set by the
    province [local]). A later version replaces it from its own year; past years keep theirs."""

    year_from = models.PositiveIntegerField(_("适用起始年度"), unique=True)
    farmer_amount = models.DecimalField(_("农民党员月缴金额"), **MONEY)
    minimal_amount = models.DecimalField(_("学生、下岗失业、低保党员月缴金额"), **MONEY)
    note = models.CharField(_("依据"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党费计算标准")
        verbose_name_plural = _("党费计算标准")
        ordering = ["-year_from"]
        constraints = [
            # Dues Rules 2008 art. 6: farmers 0.20–1.00 a month; students, unemployed, on relief 0.20.
            models.CheckConstraint(
                condition=Q(farmer_amount__gte=rules.FARMER_RANGE[0], farmer_amount__lte=rules.FARMER_RANGE[1]),
                name="dues_params_farmer_in_range",
            ),
            models.CheckConstraint(
                condition=Q(minimal_amount__gte=rules.MINIMAL_RANGE[0], minimal_amount__lte=rules.MINIMAL_RANGE[1]),
                name="dues_params_minimal_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.year_from}"

    def clean(self):
        errors = {}
        for field, category in (("farmer_amount", Category.FARMER), ("minimal_amount", Category.STUDENT)):
            try:
                rules.check_fixed_amount(category, getattr(self, field), field=field)
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


class DuesBracket(models.Model):
    class Scale(models.TextChoices):
        SALARIED = "salaried", _("在职（含有收入的外出务工农民）")
        RETIRED = "retired", _("离退休")

    parameters = models.ForeignKey(
        DuesParameters, on_delete=models.CASCADE, related_name="brackets", verbose_name=_("计算标准")
    )
    scale = models.CharField(_("适用"), max_length=20, choices=Scale.choices)
    upper = models.DecimalField(_("基数上限（含）"), null=True, blank=True, help_text=_("留空表示无上限"), **MONEY)
    rate = models.DecimalField(_("比例"), max_digits=6, decimal_places=4, help_text=_("如 0.005 表示 0.5%"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党费比例档次")
        verbose_name_plural = _("党费比例档次")
        ordering = ["scale", F("upper").asc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(fields=["parameters", "scale", "upper"], name="dues_bracket_unique_bound"),
            models.CheckConstraint(condition=Q(rate__gt=0, rate__lt=1), name="dues_bracket_rate_fraction"),
        ]


class DuesStandard(models.Model):
    """A member's monthly standard from `valid_from` (the 1st of a month) until the next row: set once a year
    early in the year, a new row when a recorded income change applies from its month. Keeps the category and
    base it came from and the parameters year used."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_standards", verbose_name=_("党员"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("核定党支部")
    )
    valid_from = models.DateField(_("起始月份"))
    category = models.CharField(_("党员类别"), max_length=20, choices=Category.choices)
    base = models.DecimalField(_("缴费基数"), null=True, blank=True, **MONEY)
    amount = models.DecimalField(_("月缴标准"), **MONEY)
    parameters_year = models.PositiveIntegerField(_("所用计算标准年度"))
    reason = models.CharField(_("说明"), max_length=200, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("核定时间"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党费标准")
        verbose_name_plural = _("党费标准")
        ordering = ["member", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["member", "valid_from"], name="dues_standard_one_per_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_standard_amount_not_negative"),
            models.CheckConstraint(condition=Q(base__isnull=True) | Q(base__gte=0), name="dues_standard_base_ok"),
            # Dues Rules 2008 art. 6: a fixed-amount category's standard stays inside its range.
            models.CheckConstraint(
                condition=~Q(category=Category.FARMER)
                | Q(amount__gte=rules.FARMER_RANGE[0], amount__lte=rules.FARMER_RANGE[1]),
                name="dues_standard_farmer_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(category__in=rules.MINIMAL_CATEGORIES)
                | Q(amount__gte=rules.MINIMAL_RANGE[0], amount__lte=rules.MINIMAL_RANGE[1]),
                name="dues_standard_minimal_in_range",
            ),
        ]

    def clean(self):
        rules.check_fixed_amount(self.category, self.amount)


class DuesRelief(models.Model):
    """A hardship reduction or waiver: decided by the branch, approved by the level above (Dues Rules).
    Only an approved relief changes what is owed."""

    class Kind(models.TextChoices):
        REDUCTION = "reduction", _("减缴")
        WAIVER = "waiver", _("免缴")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未批准")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_reliefs", verbose_name=_("党员"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("党支部"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    first_month = models.DateField(_("起始月份"))
    last_month = models.DateField(_("截止月份"))
    amount = models.DecimalField(_("减缴后月缴金额"), default=0, **MONEY)
    reason = models.CharField(_("理由"), max_length=300)
    decided_on = models.DateField(_("支部决定日期"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("审批状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    approval_note = models.CharField(_("审批意见"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("党费减免")
        verbose_name_plural = _("党费减免")
        ordering = ["-first_month", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(last_month__gte=F("first_month")), name="dues_relief_months_order"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_relief_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(kind="reduction", amount__gt=0) | Q(kind="waiver", amount=0),
                name="dues_relief_amount_matches_kind",
            ),
        ]


class DuesCounter(models.Model):
    """The last number used per organisation, year and series; locked with select_for_update so numbers
    have no gaps and no doubles."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    series = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "series"], name="dues_counter_unique"),
        ]


class DuesReceipt(models.Model):
    """One payment by one member, numbered per branch and year without gaps. Append-only."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("党支部"))
    year = models.PositiveIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("收据号"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_receipts", verbose_name=_("党员"))
    paid_on = models.DateField(_("缴纳日期"))
    total = models.DecimalField(_("金额"), **MONEY)
    # Dues Rules art. 11: set when the receipt's voluntary extra (an "extra" entry) is 1000 yuan or more.
    to_centre = models.BooleanField(_("全额上缴中央"), default=False)
    # db_default: rows copied in bulk without this column (the benchmark county) get "" from the database.
    late_reason = models.CharField(
        _("超期补缴原因"),
        max_length=300,
        blank=True,
        default="",
        db_default="",
        help_text=_("补缴 6 个月以前的党费时，支部认定的原因"),
    )
    collector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("收缴人")
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("党费收据")
        verbose_name_plural = _("党费收据")
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], name="dues_receipt_number_unique"),
            models.CheckConstraint(condition=Q(total__gt=0), name="dues_receipt_total_positive"),
        ]

    def __str__(self):
        return self.code

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number:04d}"


class DuesEntry(models.Model):
    """The ledger: one row per member-month paid, one row for a voluntary extra beyond the dues (its month is the
    month it was paid in; Dues Rules art. 11), and one row per reversal. Never updated nor deleted (on
    PostgreSQL a trigger refuses it); a mistake is corrected by a reversal that references the original."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("收缴")
        EXTRA = "extra", _("自愿多交")
        REVERSAL = "reversal", _("冲正")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("党支部"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_entries", verbose_name=_("党员"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    month = models.DateField(_("所属月份"))
    amount = models.DecimalField(_("金额"), **MONEY)
    standard = models.DecimalField(_("应缴标准"), null=True, blank=True, **MONEY)
    booked_on = models.DateField(_("入账日期"))
    receipt = models.ForeignKey(
        DuesReceipt, on_delete=models.PROTECT, null=True, blank=True, related_name="entries", verbose_name=_("收据")
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal", verbose_name=_("冲正原分录")
    )
    reason = models.CharField(_("冲正原因"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("经办人")
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("党费分录")
        verbose_name_plural = _("党费分录")
        ordering = ["booked_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_entry_amount_positive"),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["payment", "extra"], reverses__isnull=True, receipt__isnull=False)
                    | Q(kind="reversal", reverses__isnull=False, receipt__isnull=True) & ~Q(reason="")
                ),
                name="dues_entry_kind_shape",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "booked_on"]),
            models.Index(fields=["member", "month"]),
        ]

    @property
    def signed_amount(self):
        return -self.amount if self.kind == self.Kind.REVERSAL else self.amount


class PaidMonth(models.Model):
    """The live allocation: which payment entry currently pays a (member, month). Unique, so a month is paid at
    most once whatever two clerks do at the same moment; a reversal removes the allocation (the ledger keeps
    both entries), so a reversed month may be paid again."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    entry = models.OneToOneField(DuesEntry, on_delete=models.PROTECT, related_name="allocation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="dues_month_paid_once")]


class DuesRemittance(models.Model):
    """A numbered hand-over of collected dues to the level above for a period; the period is then closed for
    the sending organisation."""

    from_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("上缴组织"))
    to_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("接收组织"))
    year = models.PositiveIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("编号"))
    first_month = models.DateField(_("起始月份"))
    last_month = models.DateField(_("截止月份"))
    amount = models.DecimalField(_("金额"), **MONEY)
    handed_on = models.DateField(_("上缴日期"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("经办人")
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("党费上缴")
        verbose_name_plural = _("党费上缴")
        ordering = ["-first_month", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_org", "year", "number"], name="dues_remittance_number_unique"),
            models.CheckConstraint(condition=Q(last_month__gte=F("first_month")), name="dues_remittance_order"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_remittance_amount_ok"),
        ]

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number:03d}"
