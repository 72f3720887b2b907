from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_scoping import RegionScopedAdmin
from .admin_writes import DomainAdmin
from .mail import AlreadySent, resend_mail
from .models import AuditEntry, OutgoingMail


@admin.register(AuditEntry)
class AuditEntryAdmin(DomainAdmin):
    """Read-only (no domain hooks), the platform operator's: the audit log is written by domain
    functions and never edited."""

    list_display = ["at", "action", "actor", "target_type", "target_id"]
    list_filter = ["action"]
    date_hierarchy = "at"


@admin.register(OutgoingMail)
class OutgoingMailAdmin(RegionScopedAdmin):
    """Read-only (no domain hooks): the outbox is written by the domain and the sender.
    Administrators see their regions' messages (the platform operator also those of no region),
    find the failed ones and may send them again, through core.mail.resend_mail."""

    list_display = ["created_at", "subject", "recipients", "status", "attempts", "error", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "region",
        "recipients",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "message_id",
    ]
    fields = readonly_fields
    actions = ["send_again"]

    @admin.display(description=_("to"))
    def recipients(self, mail):
        return ", ".join(mail.to)

    @admin.display(description=_("last error"))
    def error(self, mail):
        return Truncator(mail.last_error).chars(80)

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return [*self.list_filter, "region"]
        return self.list_filter

    def has_resend_permission(self, request):
        return self.has_view_permission(request)

    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request, queryset):
        queued = skipped = 0
        for mail in queryset:
            try:
                resend_mail(mail, actor=request.user)
            except AlreadySent:
                skipped += 1
            else:
                queued += 1
        if queued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message is queued to be sent again.",
                    "%(count)d messages are queued to be sent again.",
                    queued,
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was not queued: it is already sent or being sent.",
                    "%(count)d messages were not queued: they are already sent or being sent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
