from django.urls import path

from . import views

app_name = "standing"

# Object keywords: org_pk, term_pk, assessment_pk (and year).
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
]
