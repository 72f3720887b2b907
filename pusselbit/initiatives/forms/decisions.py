from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField, SwedishDecimalField, date_field
from pusselbit.core.formatting import format_money
from pusselbit.funds import queries as funds_queries
from pusselbit.funds.models import Share

from ..enums import DecisionExtent


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, comment_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required


class RecommendationForm(forms.Form):
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    meeting_date = date_field(_("LSVO meeting date"))


class DecisionForm(forms.Form):
    registration_number = OneLineField(
        label=_("Registration number"),
        max_length=50,
        help_text=_("Diarienummer, e.g. RB 2026/123."),
    )
    decided_on = date_field(_("Decision date"))
    extent = forms.ChoiceField(
        label=_("The decision"),
        choices=DecisionExtent.choices,
        widget=forms.RadioSelect,
    )
    budget = SwedishDecimalField(
        group_thousands=True,
        label=_("Decided budget (kr)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Kronor and öre, e.g. 1 200 000 or 1 200 000,50."),
    )
    follow_up_plan = forms.CharField(
        label=_("Follow-up plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    paid_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Paid from the agreement funds"),
        help_text=_("The direction and recipient whose funds the decision commits."),
        empty_label=_("Not paid from agreement funds"),
    )
    committed_amount = SwedishDecimalField(
        group_thousands=True,
        label=_("Amount committed (kr)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Leave empty to commit the whole decided budget."),
    )

    def __init__(self, *args, region=None, extent=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the decision on implementation says whether it implements or scales up
        # (domain.decisions.decides_extent).
        if not extent:
            del self.fields["extent"]
        # What is left to commit of each share: the ledger's own figure (funds.queries).
        left = {row.share.pk: row.remaining for row in funds_queries.ledger(region)}
        self.fields["paid_from"].queryset = Share.objects.filter(
            allocation__funds__region=region
        ).select_related(
            "recipient", "allocation__funds__agreement", "allocation__funds__direction"
        )
        self.fields["paid_from"].label_from_instance = lambda s: (
            _("%(agreement)s · %(direction)s · %(recipient)s (%(left)s left to commit)")
            % {
                "agreement": s.allocation.funds.agreement,
                "direction": s.allocation.funds.direction.display_name,
                "recipient": s.recipient.name,
                "left": format_money(left.get(s.pk, Decimal("0"))),
            }
        )


class CorrectionForm(DecisionForm):
    """A correction starts from the decision it corrects: its budget, follow-up plan, and the
    funds and amount it commits. Releasing that commitment is a choice of its own
    (`release_commitment`), never the side effect of an empty choice of funds."""

    rationale = forms.CharField(
        label=_("What the correction corrects"), widget=forms.Textarea(attrs={"rows": 3})
    )
    release_commitment = forms.BooleanField(
        label=_("Release the commitment"),
        required=False,
    )

    def __init__(self, *args, decision, **kwargs):
        self.corrected = decision
        self.commitments = list(
            decision.commitments.filter(released_by__isnull=True).select_related(
                "share__recipient",
                "share__allocation__funds__agreement",
                "share__allocation__funds__direction",
            )
        )
        initial = {
            "budget": decision.budget,
            "follow_up_plan": decision.follow_up_plan,
            "registration_number": decision.registration_number,
            **kwargs.pop("initial", {}),
        }
        if len(self.commitments) == 1:
            initial["paid_from"] = self.commitments[0].share.pk
            initial["committed_amount"] = self.commitments[0].amount
        super().__init__(*args, initial=initial, **kwargs)
        if self.commitments:
            self.fields["release_commitment"].help_text = _(
                "Decision %(number)s commits %(commitments)s. Tick this to release it: the "
                "correction then commits no agreement funds and the amount can be committed "
                "again. Leave it unticked to keep paying from the funds chosen above."
            ) % {
                "number": decision.registration_number,
                "commitments": "; ".join(describe(c) for c in self.commitments),
            }
        else:
            del self.fields["release_commitment"]

    def clean(self):
        data = super().clean()
        if not self.commitments:
            return data
        release, paid_from = data.get("release_commitment"), data.get("paid_from")
        if release and paid_from is not None:
            self.add_error(
                "release_commitment",
                _(
                    "Either release the commitment or choose the funds that pay the correction, "
                    "not both."
                ),
            )
        elif not release and paid_from is None and "paid_from" not in self.errors:
            self.add_error(
                "paid_from",
                _(
                    "Decision %(number)s commits %(commitments)s. Choose the funds that pay the "
                    "correction, or tick “Release the commitment” to release it."
                )
                % {
                    "number": self.corrected.registration_number,
                    "commitments": "; ".join(describe(c) for c in self.commitments),
                },
            )
        return data


def describe(commitment) -> str:
    """`1 150 872,72 kr of ÖK 2020 · Handlingsplaner · Falun`."""
    funds = commitment.share.allocation.funds
    return _("%(amount)s of %(agreement)s · %(direction)s · %(recipient)s") % {
        "amount": format_money(commitment.amount),
        "agreement": funds.agreement.name,
        "direction": funds.direction.display_name,
        "recipient": commitment.share.recipient.name,
    }
