from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "pusselbit.documents"
    verbose_name = _("Documents")

    def ready(self):
        from .records import keep_missing_records

        # Sent once per app after the whole `migrate`, when every table is as the current
        # models have it; listening for one app's signal runs it once.
        post_migrate.connect(
            keep_missing_records,
            sender=apps.get_app_config("initiatives"),
            dispatch_uid="documents.keep_missing_records",
        )
