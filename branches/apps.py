from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BranchesConfig(AppConfig):
    name = "branches"
    verbose_name = _("组织与账号")

    def ready(self):
        from partywork.plugins import NavEntry, navigation

        navigation.register(NavEntry("organizations", "branches/fragments/_nav_tree.html", order=10))
        navigation.register(NavEntry("accounts", "branches/fragments/_nav_accounts.html", order=90))
