"""系统管理: the county administrator changes the reminder jobs' beat entries (time, pause) without a deploy.
django-celery-beat's own admin asks for Django model permissions, which county administrators do not hold;
their role permission `rules.manage` decides here, as for the other local rules."""

from django.contrib import admin
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from branches.scoping import permissions_of


class ManagedByRules:
    def _manages(self, request) -> bool:
        return request.user.is_superuser or "rules.manage" in permissions_of(request.user)

    def has_module_permission(self, request):
        return self._manages(request)

    def has_view_permission(self, request, obj=None):
        return self._manages(request)

    def has_add_permission(self, request):
        return self._manages(request)

    def has_change_permission(self, request, obj=None):
        return self._manages(request)

    def has_delete_permission(self, request, obj=None):
        return self._manages(request)


BEAT_ADMINS = ((PeriodicTask, beat_admin.PeriodicTaskAdmin), (CrontabSchedule, beat_admin.CrontabScheduleAdmin))
for model, model_admin in BEAT_ADMINS:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (ManagedByRules, model_admin), {}))
