from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "branches"

urlpatterns = [
    path("orgs/", views.OrgTreeView.as_view(), name="organization_tree"),
    path("orgs/<int:org_pk>/", views.OrgDetailView.as_view(), name="organization_detail"),
    path("orgs/<int:org_pk>/new/", views.OrgCreateView.as_view(), name="organization_create"),
    path("orgs/<int:org_pk>/edit/", views.OrgUpdateView.as_view(), name="organization_update"),
    path("orgs/<int:org_pk>/deactivate/", views.OrgDeactivateView.as_view(), name="organization_deactivate"),
    path("orgs/<int:org_pk>/users/new/", views.UserCreateView.as_view(), name="user_create"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/<int:user_pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:user_pk>/roles/new/", views.RoleGrantView.as_view(), name="role_grant"),
    path("users/<int:user_pk>/active/", views.UserActiveView.as_view(), name="user_active"),
    path("roles/<int:role_pk>/revoke/", views.RoleRevokeView.as_view(), name="role_revoke"),
]

auth_urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/otp/", views.OTPVerifyView.as_view(), name="otp_verify"),
    path("accounts/otp/setup/", views.OTPSetupView.as_view(), name="otp_setup"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
