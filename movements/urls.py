from django.urls import path

from .views import mobile, transfers

app_name = "movements"

# Transfers (组织关系转接) and mobile members (流动党员). Object keywords: transfer_pk, mobile_pk; actions on a
# member take member_pk. Mounted under /members/ (partywork/urls.py), where these pages always were, so
# bookmarks and the links in reminders already sent keep working.
urlpatterns = [
    path("transfers/", transfers.TransferEntryView.as_view(), name="transfer_entry"),
    path("transfers/org/<int:org_pk>/", transfers.TransferListView.as_view(), name="transfer_list"),
    path("transfers/org/<int:org_pk>/in/new/", transfers.RegisterInView.as_view(), name="transfer_register_in"),
    path("transfers/<int:transfer_pk>/", transfers.TransferDetailView.as_view(), name="transfer_detail"),
    path("transfers/<int:transfer_pk>/accept/", transfers.TransferAcceptView.as_view(), name="transfer_accept"),
    path("transfers/<int:transfer_pk>/cancel/", transfers.TransferCancelView.as_view(), name="transfer_cancel"),
    path("transfers/<int:transfer_pk>/return-slip/", transfers.ReturnSlipView.as_view(), name="transfer_return_slip"),
    path("transfers/<int:transfer_pk>/letter/", transfers.LetterPrintView.as_view(), name="transfer_letter"),
    path("transfers/<int:transfer_pk>/void/", transfers.LetterVoidView.as_view(), name="transfer_void"),
    path("<int:member_pk>/transfer/new/", transfers.TransferStartView.as_view(), name="transfer_start"),
    path("<int:member_pk>/letter/new/", transfers.LetterIssueView.as_view(), name="transfer_letter_issue"),
    path("<int:member_pk>/mobile/new/", mobile.MobileStartView.as_view(), name="mobile_start"),
    path("mobile/", mobile.MobileEntryView.as_view(), name="mobile_entry"),
    path("mobile/org/<int:org_pk>/", mobile.MobileRollView.as_view(), name="mobile_roll"),
    path("mobile/org/<int:org_pk>/lost-contact/", mobile.MobileLostContactView.as_view(), name="mobile_lost_contact"),
    path("mobile/<int:mobile_pk>/", mobile.MobileDetailView.as_view(), name="mobile_detail"),
    path("mobile/<int:mobile_pk>/edit/", mobile.MobileUpdateView.as_view(), name="mobile_update"),
    path("mobile/<int:mobile_pk>/contact/", mobile.MobileContactView.as_view(), name="mobile_contact"),
    path("mobile/<int:mobile_pk>/return/", mobile.MobileReturnView.as_view(), name="mobile_return"),
]
