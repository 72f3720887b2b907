"""Forms that write once: a form that creates a record carries a key (`OnceForm`), and the
domain function claims it inside its transaction (`claim`). The same form sent again — a double
click, a reload, a second tab, two sendings at the same moment — finds the key taken: nothing
more is written, and the sender is told what the first sending made (`AlreadySubmitted`)."""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Submission


class AlreadySubmitted(Exception):
    """The form was sent before by the same person; `target` is what that sending made."""

    def __init__(self, submission: Submission):
        self.target = submission.target
        super().__init__(str(submission))


class OnceForm(forms.Form):
    """A form whose every rendering has its own key; shown again with errors, it keeps it."""

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())

    @property
    def submission_key(self):
        return self.cleaned_data.get("submission")


class Claim:
    def __init__(self, submission: Submission | None):
        self.submission = submission

    def made(self, target) -> None:
        """Name what the sending made, for a second sending to be told."""
        if self.submission is None:
            return
        self.submission.target_type = ContentType.objects.get_for_model(target)
        self.submission.target_id = str(target.pk)
        self.submission.save(update_fields=["target_type", "target_id"])


def claim(key, *, actor) -> Claim:
    """Take `actor`'s `key` for this sending, inside the caller's transaction (so a sending that
    fails leaves the key free). Raises AlreadySubmitted when it was taken, also by a sending
    that is committing at this moment (the unique index makes the second wait for the first).
    Without a key or an actor (a caller that is not a form) nothing is checked."""
    if key is None or actor is None:
        return Claim(None)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(key=key, actor=actor)
    except IntegrityError:
        raise AlreadySubmitted(Submission.objects.get(key=key, actor=actor)) from None
    return Claim(submission)


def answer_sent_again(request, sent: AlreadySubmitted, destination):
    """The answer to a form sent a second time: say so, and go to what the first sending made
    (`destination(target)`)."""
    messages.info(
        request,
        _("This form had already been sent: “%(what)s” is saved once, not twice.")
        % {"what": sent.target},
    )
    return destination(sent.target)
