"""View mixins every app uses: the view side of scoping (an organisation from the URL, 404 outside the
scope; an app's entry URL), and the one way a view turns a service's refusal into form errors.

Where to look for the others: `members/mixins.py` loads a member through the scope."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from .scoping import orgs_for, permissions_of
from .selectors import org_ancestors


class OrgPermissionMixin(LoginRequiredMixin):
    """Loads `self.org` from the URL through the user's scope for `permission`: outside it, 404."""

    permission = "org.view"
    org_url_kwarg = "org_pk"

    def get_org_queryset(self):
        return orgs_for(self.request.user, self.permission)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.org = get_object_or_404(self.get_org_queryset(), pk=kwargs[self.org_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["org"] = self.org
        context["breadcrumbs"] = list(org_ancestors(org=self.org))
        return context


class PermissionAnywhereMixin(LoginRequiredMixin):
    """For pages without an organisation in the URL: the user needs `permission` on some organisation,
    and the page's own queries are scoped by the selectors."""

    permission = "org.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission not in permissions_of(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TopOrgRedirectView(PermissionAnywhereMixin, View):
    """An app's entry URL: go to `pattern_name` for the highest organisation where the user holds
    `permission` (404 when there is none)."""

    pattern_name: str

    def get(self, request, *args, **kwargs):
        top = orgs_for(request.user, self.permission).order_by("depth", "path").first()
        if top is None:
            raise Http404
        return redirect(self.pattern_name, org_pk=top.pk)


def apply_validation_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: a message about a field the form has goes next to that
    field, every other message at the top of the form (non-field errors)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """A form whose valid data goes to one service: `form_valid` calls `call_service(form)`; when the
    service refuses with a ValidationError, its messages go on the form (`apply_validation_error`) and the
    form is shown again as the user filled it (`form_invalid`), otherwise `succeeded(form, result)` gives
    the response (usually a message and a redirect).

    With a FormView nothing else is needed. A view that builds its forms itself (several forms, a formset)
    calls `self.form_valid(form)` once they are all valid and defines `form_invalid(form)` to render the page
    again with all of them."""

    def call_service(self, form):
        """Call the service with the form's data and return what it returns."""
        raise NotImplementedError

    def succeeded(self, form, result):
        """The response once the service has written."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.call_service(form)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        return self.succeeded(form, result)
