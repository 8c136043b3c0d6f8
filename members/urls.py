from django.urls import path

from . import views

app_name = "members"

# The roster, the member file, import/export and data quality. Transfers and mobile members (also under
# /members/) are the movements app's.
urlpatterns = [
    path("", views.RosterEntryView.as_view(), name="roster"),
    path("org/<int:org_pk>/", views.RosterListView.as_view(), name="member_list"),
    path("org/<int:org_pk>/new/", views.MemberCreateView.as_view(), name="member_create"),
    path("org/<int:org_pk>/import/", views.ImportUploadView.as_view(), name="import_upload"),
    path("org/<int:org_pk>/import/template/", views.ImportTemplateView.as_view(), name="import_template"),
    path("org/<int:org_pk>/export/", views.ExportView.as_view(), name="member_export"),
    path("org/<int:org_pk>/quality/", views.QualityView.as_view(), name="member_quality"),
    path("imports/<int:import_pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
    path("<int:member_pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("<int:member_pk>/edit/", views.MemberUpdateView.as_view(), name="member_update"),
    path("<int:member_pk>/lifecycle/", views.MemberLifecycleView.as_view(), name="member_lifecycle"),
    path("<int:member_pk>/reveal/", views.MemberRevealView.as_view(), name="member_reveal"),
    path("<int:member_pk>/discipline/new/", views.DisciplinaryMeasureCreateView.as_view(), name="discipline_create"),
    path("<int:member_pk>/posts/new/", views.PostCreateView.as_view(), name="post_create"),
    path("posts/<int:post_pk>/end/", views.PostEndView.as_view(), name="post_end"),
]
