from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartConfig(AppConfig):
    """The signed-in user's start page. It sits above the domains (it gathers what waits for
    the user from each), so that no domain and nothing in the ground imports it."""

    name = "pusselbit.start"
    verbose_name = _("Start page")
