from django.urls import path

from . import views

app_name = "standing"

# Object keywords: org_pk, term_pk, assessment_pk (and year), rectification_pk, milestone_pk.
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("org/<int:org_pk>/", views.OverviewView.as_view(), name="overview"),
    path("org/<int:org_pk>/election/new/", views.ElectionRecordView.as_view(), name="election_record"),
    path("terms/<int:term_pk>/", views.TermDetailView.as_view(), name="term_detail"),
    path("terms/<int:term_pk>/approve/", views.TermApproveView.as_view(), name="term_approve"),
    path("org/<int:org_pk>/assessments/", views.AssessmentListView.as_view(), name="assessment_list"),
    path("org/<int:org_pk>/assessments/<int:year>/", views.AssessmentProposeView.as_view(), name="assessment_propose"),
    path("assessments/<int:assessment_pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("assessments/<int:assessment_pk>/confirm/", views.AssessmentConfirmView.as_view(), name="assessment_confirm"),
    path("assessments/<int:assessment_pk>/return/", views.AssessmentReturnView.as_view(), name="assessment_return"),
    path("org/<int:org_pk>/rectifications/", views.RectificationListView.as_view(), name="rectification_list"),
    path("org/<int:org_pk>/rectifications/new/", views.RectificationOpenView.as_view(), name="rectification_open"),
    path(
        "rectifications/<int:rectification_pk>/", views.RectificationDetailView.as_view(), name="rectification_detail"
    ),
    path("rectifications/<int:rectification_pk>/progress/", views.ProgressRecordView.as_view(), name="progress_record"),
    path("rectifications/<int:rectification_pk>/milestones/", views.MilestoneAddView.as_view(), name="milestone_add"),
    path(
        "rectifications/<int:rectification_pk>/close/",
        views.RectificationCloseView.as_view(),
        name="rectification_close",
    ),
    path("milestones/<int:milestone_pk>/done/", views.MilestoneDoneView.as_view(), name="milestone_done"),
]
