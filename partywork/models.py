from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from branches.models import Organization


class Job(models.Model):
    """A long piece of work (an export, a large workbook) run by a Celery worker. The page that started it
    polls its progress; the finished file is downloaded from a URL only its owner can open."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")
        INTERRUPTED = "interrupted", _("中断")

    kind = models.CharField(_("类型"), max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveIntegerField(_("已处理"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    message = models.CharField(_("说明"), max_length=300, blank=True)
    result = models.FileField(_("文件"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("文件名"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近心跳"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("运行次数"), default=0)
    personal_data = models.BooleanField(
        _("含完整身份证号或手机号"), default=False, help_text=_("导出文件是否包含未脱敏的个人信息")
    )

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, int(self.progress * 100 / self.total)) if self.total else 0


class LocalRules(models.Model):
    """The county's local rules (DOMAIN: [local]), one version per date it takes effect from. Each field is a
    local practice or a provincial/county choice, not a national regulation; the regulations' own numbers
    stay in each app's rules. Read them through `partywork.localrules.local_rules(on=day)`, never from
    settings or constants. One installation serves one county, so there is one series of versions."""

    effective_from = models.DateField(_("生效日期"), unique=True)
    basis = models.CharField(_("依据"), max_length=200, help_text=_("文件名称或会议决定，如：县委组织部〔2026〕3号"))
    transfer_validity_days_same_city = models.PositiveSmallIntegerField(
        _("组织关系介绍信有效期（同城，天）"), default=10, validators=[MinValueValidator(1)]
    )
    transfer_validity_days_outside = models.PositiveSmallIntegerField(
        _("组织关系介绍信有效期（外地，天）"), default=30, validators=[MinValueValidator(1)]
    )
    transfer_validity_max_months = models.PositiveSmallIntegerField(
        _("介绍信有效期上限（月）"), default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    return_slip_months = models.PositiveSmallIntegerField(
        _("回执退回期限（月）"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    mobile_contact_months = models.PositiveSmallIntegerField(
        _("流动党员联系间隔（月）"), default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    mobile_contact_day = models.PositiveSmallIntegerField(
        _("流动党员每月联系日"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("每月这一天提醒联系流动党员（1–28日）"),
    )
    mobile_lost_contact_months = models.PositiveSmallIntegerField(
        _("失联认定（月）"), default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    recruitment_window_days = models.PositiveSmallIntegerField(
        _("发展党员步骤提前提醒（天）"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    dues_collection_day = models.PositiveSmallIntegerField(
        _("党费登记截止日"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("每月这一天提醒尚未登记上月党费的支部（1–28日）"),
    )
    due_soon_days = models.PositiveSmallIntegerField(
        _("到期前提醒（天）"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    correction_window_days = models.PositiveSmallIntegerField(
        _("记录更正期限（天）"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("会议记录、出席情况和发展党员步骤在登记后多少天内可由登记人或乡镇党委说明理由后更正"),
    )
    secretary_vacancy_months = models.PositiveSmallIntegerField(
        _("书记空缺预警（月）"), default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    branch_secretary_lectures_per_year = models.PositiveSmallIntegerField(
        _("支部书记每年讲党课（次）"),
        default=1,
        validators=[MaxValueValidator(12)],
        help_text=_("本地做法，非《支部工作条例》规定：每个支部书记每年至少为本支部党员讲党课的次数；0 表示不考核"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("本地规则")
        verbose_name_plural = _("本地规则")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mobile_contact_day__gte=1, mobile_contact_day__lte=28), name="local_contact_day_1_28"
            ),
            models.CheckConstraint(
                condition=Q(dues_collection_day__gte=1, dues_collection_day__lte=28), name="local_collection_day_1_28"
            ),
        ]

    def __str__(self):
        return _("%(day)s 起执行") % {"day": self.effective_from.isoformat()}

    def clean(self):
        longest = self.transfer_validity_max_months * 31
        if max(self.transfer_validity_days_same_city, self.transfer_validity_days_outside) > longest:
            raise ValidationError(
                {
                    "transfer_validity_days_outside": _("介绍信有效期不能超过上限 %(months)s 个月")
                    % {"months": self.transfer_validity_max_months}
                }
            )
        if self.mobile_lost_contact_months <= self.mobile_contact_months:
            raise ValidationError({"mobile_lost_contact_months": _("失联认定期限应长于联系间隔")})
