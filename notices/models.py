from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from branches.models import Organization


class Notification(models.Model):
    """An in-app reminder. Its key (recipient, kind, subject, period) is unique, so a job that runs twice
    or is retried after a crash notifies nobody twice."""

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
