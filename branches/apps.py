from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BranchesConfig(AppConfig):
    name = "branches"
    verbose_name = _("组织与账号")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .twofactor import remember_need

        # Whether this login must pass the second factor is decided when the password is accepted.
        user_logged_in.connect(
            lambda sender, request, user, **kwargs: remember_need(request, user), weak=False, dispatch_uid="pw-2fa"
        )
