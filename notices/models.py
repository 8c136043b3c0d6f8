from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from branches.models import Organization


class Digest(models.Model):
    """What one run of a reminder job sends one person: one notice in the app and one e-mail, gathering every
    new item (`Notification`) of the run, grouped by organisation and kind."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests", verbose_name=_("接收人")
    )
    job = models.CharField(_("提醒任务"), max_length=40)
    run_on = models.DateField(_("提醒日期"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    item_count = models.PositiveIntegerField(_("事项数"), default=0)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提醒汇总")
        verbose_name_plural = _("提醒汇总")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "job", "run_on"], name="digest_once_per_run")]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class JobState(models.Model):
    """Per reminder job: the day it last ran successfully, so the next run catches up on every period that
    ended since (a stopped beat or worker loses nothing), and a second run of the same day sends nothing.
    Its row is locked while the job runs, so two workers never run one job at once."""

    job = models.CharField(_("提醒任务"), max_length=40, unique=True)
    last_success_on = models.DateField(_("上次成功运行日期"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("上次完成时间"), null=True, blank=True)
    last_created = models.PositiveIntegerField(_("上次新增事项"), default=0)

    class Meta:
        verbose_name = _("提醒任务状态")
        verbose_name_plural = _("提醒任务状态")

    def __str__(self):
        return self.job


class Notification(models.Model):
    """One reminder item. Its key (recipient, kind, subject, period) is unique, so a job that runs twice
    or is retried after a crash sends nobody the same item twice within its period. Items reach people in a
    `Digest`; the items are the reminder log."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("接收人")
    )
    kind = models.CharField(_("类型"), max_length=50)
    subject_key = models.CharField(_("事项"), max_length=100, help_text=_("提醒所针对的对象，如 org:12"))
    period = models.CharField(_("期间"), max_length=20, help_text=_("如 2026-11、2026Q4"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("组织")
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, null=True, blank=True, related_name="items", verbose_name=_("提醒汇总")
    )

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "subject_key", "period"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title
