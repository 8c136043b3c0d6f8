from django.urls import path

from . import views

app_name = "standing"

# Object keywords: org_pk, term_pk.
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("org/<int:org_pk>/", views.OverviewView.as_view(), name="overview"),
    path("org/<int:org_pk>/election/new/", views.ElectionRecordView.as_view(), name="election_record"),
    path("terms/<int:term_pk>/", views.TermDetailView.as_view(), name="term_detail"),
    path("terms/<int:term_pk>/approve/", views.TermApproveView.as_view(), name="term_approve"),
]
