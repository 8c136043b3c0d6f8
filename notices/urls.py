from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("<int:notification_pk>/read/", views.NotificationReadView.as_view(), name="notification_read"),
]
