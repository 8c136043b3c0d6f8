from django.urls import path

from .views import cards, collection, overview, remittance, standards

app_name = "dues"

urlpatterns = [
    path("", overview.DuesHomeView.as_view(), name="home"),
    path("org/<int:org_pk>/", overview.OrgDuesView.as_view(), name="organization_dues"),
    path("org/<int:org_pk>/standards/<int:year>/", standards.StandardYearView.as_view(), name="duesstandard_year"),
    path(
        "org/<int:org_pk>/members/<int:member_pk>/standard/",
        standards.StandardChangeView.as_view(),
        name="duesstandard_change",
    ),
    path(
        "org/<int:org_pk>/members/<int:member_pk>/relief/",
        standards.ReliefCreateView.as_view(),
        name="duesrelief_create",
    ),
    path("reliefs/<int:relief_pk>/decide/", standards.ReliefDecideView.as_view(), name="duesrelief_decide"),
    path("org/<int:org_pk>/collect/<int:year>/<int:month>/", collection.BatchView.as_view(), name="duesentry_batch"),
    path(
        "org/<int:org_pk>/members/<int:member_pk>/collect/", collection.CollectView.as_view(), name="duesentry_collect"
    ),
    path("org/<int:org_pk>/ledger/", collection.LedgerView.as_view(), name="duesentry_list"),
    path("entries/<int:entry_pk>/reverse/", collection.EntryReverseView.as_view(), name="duesentry_reverse"),
    path("org/<int:org_pk>/arrears/", overview.ArrearsView.as_view(), name="arrears_list"),
    path("org/<int:org_pk>/remit/", remittance.RemitView.as_view(), name="duesremittance_create"),
    path("org/<int:org_pk>/reconciliation/", remittance.ReconciliationView.as_view(), name="reconciliation"),
    path("members/<int:member_pk>/card/", cards.MemberCardView.as_view(), name="member_card"),
    path("members/<int:member_pk>/standard/", standards.MemberStandardView.as_view(), name="member_standard"),
    path("members/<int:member_pk>/card/export/", cards.MemberCardExportView.as_view(), name="member_card_export"),
    path(
        "org/<int:org_pk>/register/<int:year>/<int:month>/export/",
        cards.RegisterExportView.as_view(),
        name="register_export",
    ),
    path(
        "org/<int:org_pk>/publication/<int:year>/export/",
        cards.PublicationExportView.as_view(),
        name="publication_export",
    ),
]
