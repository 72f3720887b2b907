from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "pusselbit.initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        # In ready(): the document module needs the models, which are loaded only now.
        from .document import keep_missing_records

        # Sent once per app after the whole `migrate`, when every table is as the current
        # models have it; listening for this app's own signal runs it once per `migrate`.
        post_migrate.connect(
            keep_missing_records, sender=self, dispatch_uid="initiatives.keep_missing_records"
        )
