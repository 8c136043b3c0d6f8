from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from . import selectors, services, twofactor
from .audit import history_entries
from .forms import DeactivateForm, LoginForm, OrganizationForm, RoleGrantForm, TokenForm, UserCreateForm
from .mixins import OrgPermissionMixin, PermissionAnywhereMixin, ServiceFormMixin, apply_validation_error


class LoginView(auth_views.LoginView):
    """Django's login view with the throttle per client address (branches/throttle.py)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", code="address_throttled"):
            response.status_code = 429
        return response


def _safe_next(request) -> str:

    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class OTPVerifyView(LoginRequiredMixin, FormView):
    """The second step of login: a code from the authenticator, or a one-time recovery code."""

    template_name = "registration/otp_verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not twofactor.enrolled(request.user):
            return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _safe_next(request)})}")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            twofactor.verify(self.request, form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
            return self.form_invalid(form)
        return redirect(_safe_next(self.request))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": _safe_next(self.request)}


class OTPSetupView(LoginRequiredMixin, FormView):
    """Set up an authenticator: scan the QR code (or type the secret), confirm with a code, and note the
    recovery codes shown once. Someone already verified may set up a new phone the same way."""

    template_name = "registration/otp_setup.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and twofactor.enrolled(user) and not twofactor.is_verified(request):
            # Replacing an authenticator needs the current one (or a recovery code) first.
            return redirect(f"{reverse('otp_verify')}?{urlencode({'next': request.get_full_path()})}")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        device = twofactor.pending_device(self.request.user)
        try:
            codes = twofactor.enrol_confirm(request=self.request, device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        return self.response_class(
            request=self.request,
            template="registration/otp_recovery_codes.html",
            context={"codes": codes, "next": _safe_next(self.request)},
            using=self.template_engine,
        )

    def get_context_data(self, **kwargs):
        device = twofactor.pending_device(self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "qr": twofactor.qr_data_uri(device),
            "secret": twofactor.secret_text(device),
            "required": twofactor.required_for(self.request.user),
            "enrolled": twofactor.enrolled(self.request.user),
            "next": _safe_next(self.request),
        }


class OrgTreeView(LoginRequiredMixin, ListView):
    template_name = "branches/organization_tree.html"
    context_object_name = "orgs"

    def get_queryset(self):
        return selectors.org_tree(user=self.request.user)


class OrgDetailView(OrgPermissionMixin, TemplateView):
    permission = "org.view"
    template_name = "branches/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            children=selectors.org_children(user=user, org=self.org),
            roles=selectors.org_roles(org=self.org),
            history=history_entries(self.org),
            can_manage=self.org in selectors.manageable_orgs(user=user),
            child_kinds=selectors.creatable_child_kinds(user=user, parent=self.org) if self.org.is_active else [],
            grantable=selectors.grantable_role_kinds(user=user, org=self.org) if self.org.is_active else [],
        )
        return context


class OrgCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    """Create an organisation under the one in the URL (a party group under a branch, a branch under a
    township...)."""

    template_name = "branches/organization_form.html"
    form_class = OrganizationForm

    def get_org_queryset(self):
        return selectors.orgs_for(self.request.user, "org.view")

    def get_kind_choices(self):
        kinds = selectors.creatable_child_kinds(user=self.request.user, parent=self.org)
        if not kinds:
            raise Http404
        return kinds

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind_choices": self.get_kind_choices()}

    def get_initial(self):
        return {"category": self.org.category, "kind": self.get_kind_choices()[0]}

    def call_service(self, form):
        return services.org_create(parent=self.org, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, child):
        messages.success(self.request, _("已新建组织“%(name)s”。") % {"name": child.name})
        return redirect("branches:organization_detail", org_pk=child.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("新建下级组织"), "parent": self.org}


class OrgUpdateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    template_name = "branches/organization_form.html"
    form_class = OrganizationForm

    def get_org_queryset(self):
        return selectors.manageable_orgs(user=self.request.user).filter(is_active=True)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.org}

    def call_service(self, form):
        data = {name: form.cleaned_data[name] for name in form.fields}
        return services.org_update(org=self.org, by=self.request.user, **data)

    def succeeded(self, form, org):
        messages.success(self.request, _("已保存。"))
        return redirect("branches:organization_detail", org_pk=self.org.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("编辑组织信息")}


class OrgDeactivateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    template_name = "branches/organization_deactivate.html"
    form_class = DeactivateForm

    def get_org_queryset(self):
        return selectors.manageable_orgs(user=self.request.user).filter(is_active=True)

    def call_service(self, form):
        data = form.cleaned_data
        return services.org_deactivate(org=self.org, by=self.request.user, on=data["on"], reason=data["reason"])

    def succeeded(self, form, org):
        messages.success(self.request, _("已撤销“%(name)s”。") % {"name": self.org.name})
        return redirect("branches:organization_detail", org_pk=self.org.pk)


class UserListView(PermissionAnywhereMixin, ListView):
    permission = "accounts.manage"
    template_name = "branches/user_list.html"
    context_object_name = "users"
    paginate_by = 50

    def get_queryset(self):
        return selectors.user_list(user=self.request.user, search=self.request.GET.get("q", "").strip())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "q": self.request.GET.get("q", "")}


class UserCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    """Create an account for someone working in the organisation in the URL, with its first role."""

    permission = "accounts.manage"
    template_name = "branches/user_form.html"

    def get_form_kwargs(self):
        kinds = selectors.grantable_role_kinds(user=self.request.user, org=self.org)
        if not kinds or not self.org.is_active:
            raise PermissionDenied
        return {**super().get_form_kwargs(), "kind_choices": kinds}

    def get_form_class(self):
        return UserCreateForm

    def call_service(self, form):
        data = form.cleaned_data
        return services.user_create(
            by=self.request.user,
            username=data["username"],
            full_name=data["full_name"],
            phone=data["phone"],
            password=data["password1"],
            org=self.org,
            kind=data["kind"],
        )

    def succeeded(self, form, user):
        messages.success(self.request, _("已新建账号 %(username)s。") % {"username": user.username})
        return redirect("branches:user_detail", user_pk=user.pk)


class UserDetailView(PermissionAnywhereMixin, DetailView):
    permission = "accounts.manage"
    template_name = "branches/user_detail.html"
    context_object_name = "account"
    pk_url_kwarg = "user_pk"

    def get_queryset(self):
        return selectors.user_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        context["grant_form"] = RoleGrantForm(organizations=selectors.role_grant_orgs(user=self.request.user))
        return context


class RoleGrantView(PermissionAnywhereMixin, ServiceFormMixin, FormView):
    permission = "accounts.manage"
    template_name = "branches/role_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.account = selectors.user_list(user=request.user).filter(pk=kwargs["user_pk"]).first()
            if self.account is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return RoleGrantForm(organizations=selectors.role_grant_orgs(user=self.request.user), **self.get_form_kwargs())

    def call_service(self, form):
        data = form.cleaned_data
        try:
            return services.role_grant(
                by=self.request.user, user=self.account, org=data["organization"], kind=data["kind"]
            )
        except PermissionDenied as error:
            # Granting above one's own rank is refused on the role chosen, like any other bad choice.
            raise ValidationError({"kind": str(error)}) from error

    def succeeded(self, form, role):
        messages.success(self.request, _("已授予角色。"))
        return redirect("branches:user_detail", user_pk=self.account.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "account": self.account}


class RoleRevokeView(PermissionAnywhereMixin, TemplateView):
    permission = "accounts.manage"
    template_name = "branches/role_revoke.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.role = selectors.role_get(user=request.user, pk=kwargs["role_pk"])
            except selectors.Role.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "role": self.role}

    def post(self, request, *args, **kwargs):
        try:
            services.role_revoke(by=request.user, role=self.role)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已撤销角色。"))
        return redirect("branches:user_detail", user_pk=self.role.user_id)


class UserActiveView(PermissionAnywhereMixin, TemplateView):
    """Disable or re-enable an account (POST only; the button sits on the account page)."""

    permission = "accounts.manage"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = selectors.user_list(user=request.user).filter(pk=kwargs["user_pk"]).first()
        if account is None:
            raise Http404
        active = request.POST.get("active") == "1"
        try:
            services.user_set_active(by=request.user, user=account, active=active)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已启用账号。") if active else _("已停用账号。"))
        return redirect("branches:user_detail", user_pk=account.pk)
