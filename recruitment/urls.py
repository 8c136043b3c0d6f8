from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("orgs/<int:org_pk>/", views.BoardView.as_view(), name="applicant_board"),
    path("orgs/<int:org_pk>/new/", views.ApplicantCreateView.as_view(), name="applicant_create"),
    path("orgs/<int:org_pk>/ledger/", views.LedgerExportView.as_view(), name="applicant_export"),
    path("orgs/<int:org_pk>/targets/", views.TargetListView.as_view(), name="target_list"),
    path("orgs/<int:org_pk>/targets/set/", views.TargetSetView.as_view(), name="target_set"),
    path("applicants/<int:applicant_pk>/", views.ApplicantDetailView.as_view(), name="applicant_detail"),
    path("applicants/<int:applicant_pk>/steps/new/", views.StepCreateView.as_view(), name="step_create"),
    path("applicants/<int:applicant_pk>/steps/<int:step_pk>/file/", views.StepFileView.as_view(), name="step_file"),
    path(
        "applicants/<int:applicant_pk>/steps/<int:step_pk>/correct/",
        views.StepCorrectView.as_view(),
        name="step_correct",
    ),
    path("applicants/<int:applicant_pk>/close/", views.ApplicantCloseView.as_view(), name="applicant_close"),
    path("applicants/<int:applicant_pk>/exceptions/new/", views.ExceptionCreateView.as_view(), name="exception_create"),
]
