from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "pusselbit.reporting"
    verbose_name = _("Reporting")

    def ready(self):
        # In ready(): the modules need the models, which are loaded only now.
        from pusselbit.funds import page_context

        from . import preconditions

        # The agreement's page (funds, below reporting) says who does not yet meet the
        # preconditions the year before set for its funds.
        page_context.add_to_agreement_page(preconditions.agreement_page)
        _carry_attachments()


def _carry_attachments():
    """A report carries files (pusselbit.attachments): the evaluation reports behind it."""
    # Imported here: models and URLs are ready only once the app registry is.
    from django.urls import reverse

    from pusselbit.attachments.enums import AttachmentKind
    from pusselbit.attachments.registry import register

    from .models import Report

    def page(report) -> str:
        region = report.requirement.region
        if Report.objects.filter(replaces=report).exists():
            return reverse("reporting:version", args=[region.slug, report.pk])
        return reverse(
            "reporting:report", args=[region.slug, report.requirement_id, report.recipient_id]
        )

    register(
        Report,
        key="rapport",
        view="reporting.view_report",
        attach="reporting.attach_to_report",
        manage="reporting.manage_report_files",
        kinds=[AttachmentKind.EVALUATION_REPORT, AttachmentKind.OTHER],
        page=page,
    )
