from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .enums import MailStatus
from .scoping import region_scoped


class AuditEntry(models.Model):
    """One change of state, written by the domain function that made it. Never edited."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            # One object's history, newest first (an initiative's page): without it the query
            # reads every region's entries. `id` last so ORDER BY at DESC, id DESC is the
            # index read backwards, no sort.
            models.Index(
                fields=["target_type", "target_id", "at", "id"], name="audit_target_history"
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class BilingualName(models.Model):
    """A name that is data (a region's stage, an agreement's direction) in both languages."""

    name = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class OutgoingMail(models.Model):
    """One e-mail message in the outbox (core.mail). Written in the same transaction as the
    change it tells of and sent after the commit, so a mail server that is down neither undoes
    nor breaks the change; retried until sent, and never sent twice."""

    # Where the mail belongs, so that the region's administrators see its failures; empty for
    # mail of no region, which only the platform operator sees.
    region = models.ForeignKey(
        "organisations.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    to = models.JSONField(_("to"), default=list, encoder=DjangoJSONEncoder)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    # Files sent with the message, as text: [{"filename", "content", "mimetype"}] (a meeting's
    # calendar event). Kept on the row so that a retry sends exactly what was queued.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    message_id = models.CharField(_("message ID"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # When a worker took the message to hand it to the mail server.
    claimed_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = region_scoped()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")

    def __str__(self):
        return self.subject


class Submission(models.Model):
    """A form sent once: its key (from a hidden field of the form), who sent it, and what it
    made. A second sending of the same form by the same person — a double click, a reload, a
    second tab — finds the key taken and is told what the first made, instead of making it
    twice (core.submissions)."""

    key = models.UUIDField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")
        # Per sender: someone else's key (which nobody should have) makes nothing of theirs.
        constraints = [
            models.UniqueConstraint(fields=["actor", "key"], name="submission_once_per_actor")
        ]

    def __str__(self):
        return str(self.key)
