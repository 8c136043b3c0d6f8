from django.urls import path

from . import views

app_name = "dues"

urlpatterns = [
    path("", views.DuesHomeView.as_view(), name="home"),
    path("org/<int:org_pk>/", views.OrgDuesView.as_view(), name="organization_dues"),
    path("org/<int:org_pk>/standards/<int:year>/", views.StandardYearView.as_view(), name="duesstandard_year"),
    path(
        "org/<int:org_pk>/members/<int:member_pk>/standard/",
        views.StandardChangeView.as_view(),
        name="duesstandard_change",
    ),
    path(
        "org/<int:org_pk>/members/<int:member_pk>/relief/", views.ReliefCreateView.as_view(), name="duesrelief_create"
    ),
    path("reliefs/<int:relief_pk>/decide/", views.ReliefDecideView.as_view(), name="duesrelief_decide"),
    path("org/<int:org_pk>/collect/<int:year>/<int:month>/", views.BatchView.as_view(), name="duesentry_batch"),
    path("org/<int:org_pk>/members/<int:member_pk>/collect/", views.CollectView.as_view(), name="duesentry_collect"),
    path("org/<int:org_pk>/ledger/", views.LedgerView.as_view(), name="duesentry_list"),
    path("entries/<int:entry_pk>/reverse/", views.EntryReverseView.as_view(), name="duesentry_reverse"),
    path("org/<int:org_pk>/arrears/", views.ArrearsView.as_view(), name="arrears_list"),
    path("org/<int:org_pk>/remit/", views.RemitView.as_view(), name="duesremittance_create"),
    path("org/<int:org_pk>/reconciliation/", views.ReconciliationView.as_view(), name="reconciliation"),
    path("members/<int:member_pk>/card/", views.MemberCardView.as_view(), name="member_card"),
    path("members/<int:member_pk>/card/export/", views.MemberCardExportView.as_view(), name="member_card_export"),
    path(
        "org/<int:org_pk>/register/<int:year>/<int:month>/export/",
        views.RegisterExportView.as_view(),
        name="register_export",
    ),
    path(
        "org/<int:org_pk>/publication/<int:year>/export/",
        views.PublicationExportView.as_view(),
        name="publication_export",
    ),
]
