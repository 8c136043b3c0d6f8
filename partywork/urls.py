from django.contrib import admin
from django.urls import include, path

from branches.urls import auth_urlpatterns
from partywork.views import JobDetailView, JobDownloadView, WorkbenchView

urlpatterns = [
    path("", WorkbenchView.as_view(), name="home"),
    *auth_urlpatterns,
    path("", include("branches.urls")),
    path("jobs/<int:job_pk>/", JobDetailView.as_view(), name="job_detail"),
    path("jobs/<int:job_pk>/download/", JobDownloadView.as_view(), name="job_download"),
    path("members/", include("members.urls")),
    # Transfers and mobile members are their own app but keep their addresses under /members/.
    path("members/", include("movements.urls")),
    path("meetings/", include("meetings.urls")),
    path("dues/", include("dues.urls")),
    path("recruitment/", include("recruitment.urls")),
    path("standing/", include("standing.urls")),
    path("reports/", include("reports.urls")),
    path("notices/", include("notices.urls")),
    path("admin/", admin.site.urls),
]
