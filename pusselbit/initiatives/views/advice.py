from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again

from .. import domain
from ..forms.advice import AdviceForm
from .base import add_errors, check, initiative_for, to_detail


@login_required
def advice(request, region_slug, pk):
    """The county coordinator records advice on the idea: a new entry on the initiative page."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.give_advice", initiative)
    form = AdviceForm(request.POST or None, initiative=initiative)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "submission"}
        try:
            domain.give_advice(
                initiative, actor=request.user, submission=form.submission_key, **data
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, lambda a: to_detail(a.initiative, "advice"))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The advice is recorded."))
            return to_detail(initiative, "advice")
    return render(
        request,
        "initiatives/advice_form.html",
        {"initiative": initiative, "form": form, "earlier": initiative.advice_entries.exists()},
    )
