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
        post_migrate.connect(
            _index_missing, sender=self, dispatch_uid="initiatives.index_missing_search_texts"
        )
        _carry_attachments()


def _index_missing(**kwargs):
    """Initiatives written before the search index existed (or in bulk) are indexed after
    `migrate`, so an upgraded installation finds them without a separate step."""
    # Imported here: the index needs the models, which are loaded only once the registry is.
    from pusselbit.core.scoping import scopes_disabled

    from .search.index import refresh_missing

    with scopes_disabled():
        refresh_missing()


def _carry_attachments():
    """Initiatives and meetings carry files (pusselbit.attachments, which knows them only by
    what is registered here)."""
    # Imported here: models and URLs are ready only once the app registry is.
    from django.urls import reverse

    from pusselbit.attachments.enums import AttachmentKind
    from pusselbit.attachments.registry import register

    from .models import Initiative, Meeting

    register(
        Initiative,
        key="satsning",
        view="initiatives.view_initiative",
        attach="initiatives.attach_file",
        manage="initiatives.manage_files",
        kinds=[
            AttachmentKind.IDEA_TEMPLATE,
            AttachmentKind.SIGNED_DECISION,
            AttachmentKind.EVALUATION_REPORT,
            AttachmentKind.OTHER,
        ],
        page=lambda initiative: reverse(
            "initiatives:detail", args=[initiative.region.slug, initiative.pk]
        ),
    )
    register(
        Meeting,
        key="mote",
        view="initiatives.view_meeting",
        attach="initiatives.manage_meetings",
        manage="initiatives.manage_meetings",
        kinds=[AttachmentKind.MINUTES, AttachmentKind.OTHER],
        page=lambda meeting: reverse(
            "initiatives:meeting_detail", args=[meeting.region.slug, meeting.pk]
        ),
    )
