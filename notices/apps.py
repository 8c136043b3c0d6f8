from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("提醒")

    def ready(self):
        from partywork.home import HomeCard, register

        from .selectors import home_card_context

        register(HomeCard("notices", "notices/fragments/_home_card.html", home_card_context, order=10))
