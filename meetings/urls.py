from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingIndexView.as_view(), name="meeting_index"),
    path("org/<int:org_pk>/", views.MeetingListView.as_view(), name="meeting_list"),
    path("org/<int:org_pk>/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("org/<int:org_pk>/ledger/", views.LedgerExportView.as_view(), name="meeting_ledger"),
    path("org/<int:org_pk>/compliance/", views.BranchComplianceView.as_view(), name="compliance_branch"),
    path("org/<int:org_pk>/compliance/quarter/", views.TownshipComplianceView.as_view(), name="compliance_township"),
    path("org/<int:org_pk>/remote/", views.RemoteSiteListView.as_view(), name="remote_site_list"),
    path("org/<int:org_pk>/remote/new/", views.RemoteSiteCreateView.as_view(), name="remote_site_create"),
    path("remote/<int:site_pk>/", views.RemoteSessionCreateView.as_view(), name="remote_session_create"),
    path("<int:meeting_pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:meeting_pk>/print/", views.MeetingPrintView.as_view(), name="meeting_print"),
    path("<int:meeting_pk>/attachments/", views.AttachmentCreateView.as_view(), name="attachment_create"),
    path("<int:meeting_pk>/appraisal/", views.AppraisalView.as_view(), name="appraisal_edit"),
    path("attachments/<int:attachment_pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
]
