from django.urls import path

from . import views_transfers as views

# Transfers (组织关系转接) and mobile members (流动党员). Object keywords: transfer_pk, mobile_pk; actions on a
# member take member_pk.
urlpatterns = [
    path("transfers/", views.TransferEntryView.as_view(), name="transfer_entry"),
    path("transfers/org/<int:org_pk>/", views.TransferListView.as_view(), name="transfer_list"),
    path("transfers/org/<int:org_pk>/in/new/", views.RegisterInView.as_view(), name="transfer_register_in"),
    path("transfers/<int:transfer_pk>/", views.TransferDetailView.as_view(), name="transfer_detail"),
    path("transfers/<int:transfer_pk>/accept/", views.TransferAcceptView.as_view(), name="transfer_accept"),
    path("transfers/<int:transfer_pk>/cancel/", views.TransferCancelView.as_view(), name="transfer_cancel"),
    path("transfers/<int:transfer_pk>/return-slip/", views.ReturnSlipView.as_view(), name="transfer_return_slip"),
    path("transfers/<int:transfer_pk>/letter/", views.LetterPrintView.as_view(), name="transfer_letter"),
    path("transfers/<int:transfer_pk>/void/", views.LetterVoidView.as_view(), name="transfer_void"),
    path("<int:member_pk>/transfer/new/", views.TransferStartView.as_view(), name="transfer_start"),
    path("<int:member_pk>/letter/new/", views.LetterIssueView.as_view(), name="transfer_letter_issue"),
    path("<int:member_pk>/mobile/new/", views.MobileStartView.as_view(), name="mobile_start"),
    path("mobile/", views.MobileEntryView.as_view(), name="mobile_entry"),
    path("mobile/org/<int:org_pk>/", views.MobileRollView.as_view(), name="mobile_roll"),
    path("mobile/org/<int:org_pk>/lost-contact/", views.MobileLostContactView.as_view(), name="mobile_lost_contact"),
    path("mobile/<int:mobile_pk>/", views.MobileDetailView.as_view(), name="mobile_detail"),
    path("mobile/<int:mobile_pk>/edit/", views.MobileUpdateView.as_view(), name="mobile_update"),
    path("mobile/<int:mobile_pk>/contact/", views.MobileContactView.as_view(), name="mobile_contact"),
    path("mobile/<int:mobile_pk>/return/", views.MobileReturnView.as_view(), name="mobile_return"),
]
