from django.urls import path

from . import views

app_name = "yearend"

urlpatterns = [
    path("org/<int:org_pk>/", views.YearendExportView.as_view(), name="export"),
]
