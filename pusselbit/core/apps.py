from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pusselbit.core"
    verbose_name = _("Core")

    def ready(self):
        from .validators import guard_model_fields

        guard_model_fields()
