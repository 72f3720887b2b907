from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "pusselbit.proposals"
    verbose_name = _("Use-of-funds proposals")
