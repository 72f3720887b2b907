"""The agreement funds page: what each agreement year brings the region per direction, kept by
its finance officer (funds.domain.region_funds)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pusselbit.agreements.models import Direction
from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.organisations.queries import region_with

from ..domain import record_agreement_year_funds
from ..domain.region_funds import agreement_of_year, amount_field, funds_fingerprint
from ..forms.region_funds import AgreementYearForm, AgreementYearFundsForm
from ..models import RegionFunds
from ..queries import agreements_with_funds

AGREEMENTS_PER_PAGE = 10


@login_required
def region_funds(request, region_slug):
    region = region_with(request, region_slug, "funds.manage_funds")
    year_form = AgreementYearForm(request.GET if "ar" in request.GET else None)
    year = year_form.cleaned_data["ar"] if year_form.is_bound and year_form.is_valid() else None
    form = _year_form(request, region, year) if year is not None else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            record_agreement_year_funds(
                region,
                year,
                form.cleaned_data["use_by"],
                form.amounts(),
                actor=request.user,
                seen=form.cleaned_data["seen"] or None,
            )
        except ConcurrentEdit as stale:
            form = _year_form(request, region, year, stale=stale)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The funds of agreement year %(year)s are saved.") % {"year": year}
            )
            return redirect(f"{reverse('funds:region_funds', args=[region.slug])}?ar={year}")
    page = paginate(request, agreements_with_funds(region), per_page=AGREEMENTS_PER_PAGE)
    funds = RegionFunds.objects.filter(region=region, agreement__in=list(page.object_list))
    by_agreement: dict[int, list] = {}
    for row in funds.select_related("direction").order_by("direction__order", "direction__code"):
        by_agreement.setdefault(row.agreement_id, []).append(row)
    for agreement in page.object_list:
        agreement.region_funds = by_agreement.get(agreement.pk, [])
        agreement.region_total = sum(row.amount for row in agreement.region_funds)
    return render(
        request,
        "funds/region_funds.html",
        {"region": region, "year_form": year_form, "year": year, "form": form, "page": page},
    )


def _year_form(request, region, year, *, stale=None) -> AgreementYearFundsForm:
    """The form of the year's funds, filled with what is saved; bound to what was sent. After a
    refused stale save, it keeps what was typed, says why, and carries what is saved now (so
    sending it again overwrites knowingly)."""
    agreement = agreement_of_year(year)
    directions = Direction.objects.order_by("order", "code")
    saved = {}
    if agreement is not None:
        rows = RegionFunds.objects.filter(agreement=agreement, region=region)
        saved = dict(rows.values_list("direction", "amount"))
    initial = {
        "use_by": agreement.use_by if agreement else None,
        "seen": funds_fingerprint(agreement, region),
        **{amount_field(d): saved.get(d.pk) for d in directions},
    }
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        if stale is not None:
            data["seen"] = initial["seen"]
    form = AgreementYearFundsForm(data, directions=directions, initial=initial)
    form.agreement = agreement
    form.saved = [(d, saved[d.pk]) for d in directions if d.pk in saved]
    if stale is not None:
        form.is_valid()
        form.add_error(None, f"{stale} {_('What is saved now is shown; your entries are kept.')}")
    return form
