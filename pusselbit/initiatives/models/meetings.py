from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Organisation, Region

from ..enums import Answer, InviteeRole, MeetingKind
from .initiative import Initiative


class Meeting(models.Model):
    """A coordination-group meeting, a dialogue forum (e.g. a kvalitetscafé) or a dialogue
    with an initiative's target groups."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    # The minutes (minnesanteckningar), shared with the attendees.
    notes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The version of what the invitation tells (title, time, place, agenda): raised by each
    # change, so the calendar event mailed next (same UID, higher SEQUENCE) replaces the one in
    # the invitees' calendars, and the page knows who has an older version.
    sequence = models.PositiveIntegerField(_("version"), default=0)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)

    objects = region_scoped()

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    """An initiative presented at a meeting, and the actors named there to involve."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("initiative"),
    )
    order = models.PositiveSmallIntegerField(default=0)
    named_actors = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("actors named")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = region_scoped(path="meeting__region")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "initiative"], name="agenda_item_once"),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.initiative}"


class Invitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=40, choices=InviteeRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    answer = models.CharField(
        _("answer"), max_length=3, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # The meeting's `sequence` last mailed to the invitee; None before the invitation is sent.
    sent_sequence = models.PositiveIntegerField(_("version sent"), null=True, blank=True)

    objects = region_scoped(path="meeting__region")

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.name or str(self.user or self.organisation or self.get_role_display())

    @property
    def address(self) -> str:
        """Where the invitation is mailed: the address written, or the user's."""
        return self.email or (self.user.email if self.user_id else "")


class MeetingNote(models.Model):
    """A note a member of the body records on its meeting, under their own name: what they
    bring back to their organisation. Not edited afterwards; a later note adds to it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="member_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="meeting__region")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("member's note")
        verbose_name_plural = _("members' notes")

    def __str__(self):
        return f"{self.meeting}: {self.author}"


class CheckIn(models.Model):
    """A check-in with a management or cooperation group concerned (step 7), as a log."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="check_ins")
    date = models.DateField(_("date"))
    group = models.CharField(_("group"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self):
        return f"{self.date} {self.group}"
