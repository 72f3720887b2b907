"""One's own notifications (/konto/aviseringar/): the list, marking read, and how one is told."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.core.pagination import paginate

from . import domain
from .forms import DeliveryForm, MarkReadForm
from .queries import notifications_of


@login_required
def notification_list(request):
    user = request.user
    form = DeliveryForm(initial={"delivery": domain.delivery_of(user)})
    return _render(request, form)


def _render(request, form, status=200):
    page = paginate(request, notifications_of(request.user), per_page=25)
    return render(
        request,
        "notifications/list.html",
        {"page": page, "form": form, "any_unread": any(n.unread for n in page)},
        status=status,
    )


@login_required
@require_POST
def set_delivery(request):
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    domain.set_delivery(request.user, form.cleaned_data["delivery"], actor=request.user)
    messages.success(request, _("Saved: %(choice)s.") % {"choice": _label(form)})
    return redirect("notifications:list")


def _label(form) -> str:
    return str(dict(form.fields["delivery"].choices)[form.cleaned_data["delivery"]])


@login_required
@require_POST
def mark_read(request):
    form = MarkReadForm(request.POST, notifications=notifications_of(request.user))
    if form.is_valid():
        domain.mark_read(form.cleaned_data["notification"], actor=request.user)
    # Not a choice: another's notice, or one already marked (a second click): nothing to do.
    return redirect(_back(request))


@login_required
@require_POST
def mark_all_read(request):
    count = domain.mark_all_read(request.user, actor=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


def _back(request) -> str:
    """Back to the page of the list the button was on."""
    page = request.POST.get("page", "")
    url = reverse("notifications:list")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url
