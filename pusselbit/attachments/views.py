"""Attaching a file to a record, downloading one, removing one. Another region's file or record
is a 404 (the region in the address is the user's, the lookups are within it); within the
region, the record's app decides through the permission names it registered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.downloads import stored_attachment
from pusselbit.core.forms import add_errors
from pusselbit.core.permissions import check
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import region_named

from . import queries, registry
from .domain import remove_attachment, upload_attachment
from .forms import UploadForm

ANCHOR = "attachments"


def _to_record(record):
    return redirect(f"{registry.of(record).page(record)}#{ANCHOR}")


def _record_in(request, region_slug, key, pk):
    region = region_named(request, region_slug)
    target = registry.by_key(key)
    record = target.find(region, pk)
    check(request, target.view, record)
    return region, record


def _attachment_in(request, region_slug, pk):
    """The file, if its record is one the user sees; a 404 for another region's, a 403 for a
    record the user may not see."""
    region = region_named(request, region_slug)
    attachment = queries.attachment_in(region, pk)
    if attachment.target is None:
        raise Http404
    check(request, "attachments.view_attachment", attachment)
    return region, attachment


@login_required
def upload(request, region_slug, target, target_pk):
    region, record = _record_in(request, region_slug, target, target_pk)
    check(request, "attachments.add_attachment", record)
    kinds = registry.of(record).kinds
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if form.is_valid():
        try:
            attachment = upload_attachment(
                record,
                form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                actor=request.user,
                submission=form.submission_key,
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, lambda made: _to_record(made.target))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is attached.") % {"name": attachment})
            return _to_record(record)
    context = {"region": region, "record": record, "form": form, "back": _back(record)}
    return render(request, "attachments/upload.html", context)


def _back(record) -> str:
    return f"{registry.of(record).page(record)}#{ANCHOR}"


@login_required
def download(request, region_slug, pk):
    _, attachment = _attachment_in(request, region_slug, pk)
    if attachment.removed:
        raise Http404
    # What is in it may be the region's own: no shared cache keeps it (private).
    return stored_attachment(attachment.file, attachment.content_type, attachment.original_name)


@login_required
def remove(request, region_slug, pk):
    region, attachment = _attachment_in(request, region_slug, pk)
    record = attachment.target
    if attachment.removed:
        return _to_record(record)
    check(request, "attachments.remove_attachment", attachment)
    if request.method == "POST":
        remove_attachment(attachment, actor=request.user)
        messages.success(request, _("%(name)s is removed.") % {"name": attachment})
        return _to_record(record)
    context = {
        "region": region,
        "attachment": attachment,
        "record": record,
        "back": _back(record),
    }
    return render(request, "attachments/remove.html", context)
