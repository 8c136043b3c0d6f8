from django.urls import path

from .views import care, publications, talks, training

app_name = "learning"

urlpatterns = [
    path("", training.LearningIndexView.as_view(), name="index"),
    path("org/<int:org_pk>/hours/", training.BranchHoursView.as_view(), name="hours_branch"),
    path("org/<int:org_pk>/hours/township/", training.TownshipHoursView.as_view(), name="hours_township"),
    path("org/<int:org_pk>/sessions/new/", training.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:session_pk>/", training.SessionDetailView.as_view(), name="session_detail"),
    path("org/<int:org_pk>/talks/", talks.BranchTalksView.as_view(), name="talks_branch"),
    path("org/<int:org_pk>/talks/township/", talks.TownshipTalksView.as_view(), name="talks_township"),
    path("org/<int:org_pk>/talks/new/", talks.TalkCreateView.as_view(), name="talk_create"),
    path("talks/<int:talk_pk>/", talks.TalkDetailView.as_view(), name="talk_detail"),
    path("org/<int:org_pk>/care/", care.CareListView.as_view(), name="care_list"),
    path("org/<int:org_pk>/care/new/", care.CareVisitCreateView.as_view(), name="care_create"),
    path("org/<int:org_pk>/publications/", publications.PublicationListView.as_view(), name="publication_list"),
    path("org/<int:org_pk>/publications/new/", publications.PublicationCreateView.as_view(), name="publication_create"),
]
