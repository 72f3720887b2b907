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
