from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pusselbit.core"
    verbose_name = _("Core")

    def ready(self):
        # In ready(): these register lookups and checks on the models, loaded only now.
        from . import database, lookups
        from .validators import guard_model_fields

        database.register()
        lookups.register()
        guard_model_fields()
