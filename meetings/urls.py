from django.urls import path

from .views import appraisal, compliance, corrections, records, remote

app_name = "meetings"

urlpatterns = [
    path("", records.MeetingIndexView.as_view(), name="meeting_index"),
    path("org/<int:org_pk>/", records.MeetingListView.as_view(), name="meeting_list"),
    path("org/<int:org_pk>/new/", records.MeetingCreateView.as_view(), name="meeting_create"),
    path("org/<int:org_pk>/ledger/", records.LedgerExportView.as_view(), name="meeting_ledger"),
    path("org/<int:org_pk>/compliance/", compliance.BranchComplianceView.as_view(), name="compliance_branch"),
    path(
        "org/<int:org_pk>/compliance/quarter/", compliance.TownshipComplianceView.as_view(), name="compliance_township"
    ),
    path("org/<int:org_pk>/lapses/", compliance.LapseListView.as_view(), name="lapse_list"),
    path("org/<int:org_pk>/remote/", remote.RemoteSiteListView.as_view(), name="remote_site_list"),
    path("org/<int:org_pk>/remote/new/", remote.RemoteSiteCreateView.as_view(), name="remote_site_create"),
    path("remote/<int:site_pk>/", remote.RemoteSessionCreateView.as_view(), name="remote_session_create"),
    path("<int:meeting_pk>/", records.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:meeting_pk>/correct/", corrections.MeetingCorrectView.as_view(), name="meeting_correct"),
    path(
        "<int:meeting_pk>/attendance/correct/", corrections.AttendanceCorrectView.as_view(), name="attendance_correct"
    ),
    path("<int:meeting_pk>/print/", records.MeetingPrintView.as_view(), name="meeting_print"),
    path("<int:meeting_pk>/attachments/", records.AttachmentCreateView.as_view(), name="attachment_create"),
    path("<int:meeting_pk>/appraisal/", appraisal.AppraisalView.as_view(), name="appraisal_edit"),
    path("attachments/<int:attachment_pk>/", records.AttachmentDownloadView.as_view(), name="attachment_download"),
]
