from django.contrib import admin
from django.urls import include, path

from branches.urls import auth_urlpatterns
from partywork.views import JobDetailView, JobDownloadView, JobRetryView, WorkbenchView

urlpatterns = [
    path("", WorkbenchView.as_view(), name="home"),
    *auth_urlpatterns,
    path("", include("branches.urls")),
    path("jobs/<int:job_pk>/", JobDetailView.as_view(), name="job_detail"),
    path("jobs/<int:job_pk>/download/", JobDownloadView.as_view(), name="job_download"),
    path("jobs/<int:job_pk>/retry/", JobRetryView.as_view(), name="job_retry"),
    path("members/", include("members.urls")),
    # Transfers and mobile members are their own app but keep their addresses under /members/.
    path("members/", include("movements.urls")),
    path("meetings/", include("meetings.urls")),
    path("dues/", include("dues.urls")),
    path("recruitment/", include("recruitment.urls")),
    path("learning/", include("learning.urls")),
    path("standing/", include("standing.urls")),
    path("reports/", include("reports.urls")),
    path("yearend/", include("yearend.urls")),
    path("notices/", include("notices.urls")),
    path("admin/", admin.site.urls),
]

# In Chinese, without touching the database: 503 while the database or the broker is down, else 500.
handler500 = "partywork.views.server_error"
