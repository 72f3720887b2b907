from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.accounts.models import User
from pusselbit.accounts.queries import members_with_roles
from pusselbit.core.fields import DateInput, OneLineField
from pusselbit.core.submissions import OnceForm
from pusselbit.organisations.models import Organisation
from pusselbit.organisations.queries import organisations_serving

from ..enums import ROLE_INVITEES, InviteeRole, MeetingKind, StageKind
from ..models import CheckIn, Initiative, Meeting
from ..queries.meetings import waits_for_lsvo

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def open_initiatives(region):
    return (
        Initiative.objects.filter(region=region)
        .exclude(stage__kind=StageKind.END)
        .select_related("stage")
        .order_by("title", "pk")
    )


def initiative_label(initiative) -> str:
    return f"{initiative.title} ({initiative.stage.display_name})"


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "starts_at", "ends_at", "location", "notes"]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "starts_at": _("Date and time, Swedish time."),
            "ends_at": _("Date and time, Swedish time."),
        }

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


class NewMeetingForm(OnceForm, MeetingForm):
    """A meeting planned from the meetings page: planned once however often it is sent."""


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class AgendaItemForm(forms.Form):
    initiative = forms.ModelChoiceField(Initiative.objects.none(), label=_("Initiative"))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["initiative"]
        field.queryset = open_initiatives(meeting.region).exclude(agenda_items__meeting=meeting)
        field.label_from_instance = initiative_label
        if meeting.kind == MeetingKind.LSVO:
            self._lsvo_first(field)

    @staticmethod
    def _lsvo_first(field) -> None:
        """LSVO meets on the proposals that wait for its recommendation: those come first, in
        a group of their own. The others stay choosable (a proposal may be sent to LSVO
        before the meeting); the choice is checked against the queryset as before."""
        rows = list(field.queryset.annotate(waits=waits_for_lsvo()))
        groups = [
            (_("Waiting for LSVO's recommendation"), [r for r in rows if r.waits]),
            (_("Other open initiatives"), [r for r in rows if not r.waits]),
        ]
        field.choices = [("", field.empty_label)] + [
            (label, [(r.pk, initiative_label(r)) for r in group])
            for label, group in groups
            if group
        ]
        field.help_text = _("The initiatives waiting for LSVO's recommendation come first.")


class NameActorsForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label=_("Actors named"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each actor named also becomes a participant of the initiative."),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        field.queryset = organisations_serving(region)
        field.label_from_instance = lambda o: f"{o.name} ({o.get_kind_display()})"


class InviteForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=InviteeRole.choices)
    user = forms.ModelChoiceField(
        User.objects.none(),
        label=_("User"),
        required=False,
        help_text=_("Someone who works within the region, or write a name below."),
    )
    name = OneLineField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organisation"), required=False
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members_with_roles(region).order_by(
            "last_name", "first_name", "username"
        )
        self.fields["organisation"].queryset = organisations_serving(region)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name", "").strip():
            self.add_error("name", _("Choose a user or write a name."))
        return data


class InviteForInitiativeForm(forms.Form):
    initiative = forms.ModelChoiceField(
        Initiative.objects.none(),
        label=_("Initiative"),
        help_text=_(
            "Invites the idea owner, the participants' contact persons, and the region's county "
            "coordinators, suicide-prevention coordinators, local coordinators and "
            "user-organisation representatives. Whoever is invited already is skipped."
        ),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["initiative"]
        field.queryset = open_initiatives(meeting.region)
        field.label_from_instance = initiative_label


class CheckInForm(forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["date", "group", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"group": _("E.g. the management group of social services in Karlskrona.")}


class MeetingChangeForm(MeetingForm):
    """What the invitation tells: a change is mailed as an update of the calendar event."""

    class Meta(MeetingForm.Meta):
        fields = ["kind", "title", "starts_at", "ends_at", "location"]


class InviteByRoleForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Everyone in the region who holds a role chosen is invited: a body such as the "
            "coordination group or LSVO, or e.g. all analysts. Whoever is invited already is "
            "skipped."
        ),
        error_messages={"required": _("Choose one or more roles.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(role.value, role.label) for role in ROLE_INVITEES]


class AnswerForm(forms.Form):
    coming = forms.TypedChoiceField(
        choices=[("yes", _("Coming")), ("no", _("Not coming"))],
        coerce=lambda value: value == "yes",
    )


class MemberNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Your note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Recorded under your name and shown to everyone who reads the meeting."),
    )
