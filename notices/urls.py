from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.DigestListView.as_view(), name="notification_list"),
    path("<int:digest_pk>/", views.DigestDetailView.as_view(), name="digest_detail"),
    path("log/", views.ReminderLogEntryView.as_view(), name="reminder_log_entry"),
    path("log/<int:org_pk>/", views.ReminderLogView.as_view(), name="reminder_log"),
    path("<int:digest_pk>/read/", views.DigestReadView.as_view(), name="notification_read"),
]
