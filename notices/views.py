from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView

from .selectors import notification_list
from .services import notification_mark_read


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "notices/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return notification_list(user=self.request.user, unread_only=self.request.GET.get("unread") == "1")


class NotificationReadView(LoginRequiredMixin, View):
    def post(self, request, notification_pk):
        notification = get_object_or_404(notification_list(user=request.user), pk=notification_pk)
        notification_mark_read(user=request.user, notification_id=notification.pk)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "notices:notification_list"
        return redirect(target)
