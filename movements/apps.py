from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "movements"
    verbose_name = _("组织关系转接与流动党员")

    def ready(self):
        from members.panels import MemberPanel, register

        from .panels import mobile_context, transfers_context

        register(
            MemberPanel(
                key="transfers",
                title=_("组织关系转接"),
                template="movements/fragments/_panel_transfers.html",
                context=transfers_context,
                order=40,
            )
        )
        register(
            MemberPanel(
                key="mobile",
                title=_("流动党员"),
                template="movements/fragments/_panel_mobile.html",
                context=mobile_context,
                order=45,
            )
        )
