from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("org/<int:org_pk>/", views.DashboardView.as_view(), name="dashboard"),
    path("org/<int:org_pk>/figures/<str:figure>/", views.FigureRowsView.as_view(), name="figure_rows"),
    path("org/<int:org_pk>/rollup/", views.RollupExportView.as_view(), name="rollup_export"),
    path("org/<int:org_pk>/refresh/", views.SummaryRefreshView.as_view(), name="summary_refresh"),
]
