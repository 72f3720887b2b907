"""A region's workflow as rows: stages, transitions, who may take them and which gates they
must pass. The interpreter is workflows/engine.py; the gates' checks are workflows/gates.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.models import BilingualName
from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Region

from ..enums import COMMENT_REQUIRED_KINDS, RECORDED_KINDS, StageKind, TransitionKind


class Workflow(models.Model):
    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="workflow", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=200)

    objects = region_scoped()

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")

    def __str__(self):
        return f"{self.name} ({self.region})"


class Stage(BilingualName):
    workflow = models.ForeignKey(
        Workflow, on_delete=models.CASCADE, related_name="stages", verbose_name=_("workflow")
    )
    key = models.SlugField(
        _("key"), help_text=_("A stable name for the stage, used by the product; not shown.")
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=StageKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    optional = models.BooleanField(_("optional"), default=False)
    idea_editable = models.BooleanField(
        _("idea template editable"),
        default=False,
        help_text=_("The initiator may change the idea template in this stage."),
    )
    advice = models.BooleanField(
        _("advice"),
        default=False,
        help_text=_(
            "The county coordinators give advice in this stage: the initiative page shows the "
            "advice first."
        ),
    )
    proposal_editable = models.BooleanField(
        _("proposal editable"),
        default=False,
        help_text=_("The proposal is open for writing in this stage."),
    )
    running = models.BooleanField(
        _("running"),
        default=False,
        help_text=_("The initiative is being carried out: follow-up is reported in this stage."),
    )

    objects = region_scoped(path="workflow__region")

    class Meta:
        ordering = ["workflow", "order", "pk"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["workflow", "key"], name="stage_key_unique"),
        ]


class Transition(BilingualName):
    """A way from one stage to another, named as the action that takes it ("Submit")."""

    workflow = models.ForeignKey(
        Workflow, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("workflow")
    )
    source = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("to")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=TransitionKind.choices, default=TransitionKind.FORWARD
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        blank=True,
        help_text=_("For recommendations and decisions: the outcome that takes this way."),
    )
    roles = models.JSONField(
        _("who may act"),
        default=list,
        help_text=_("The roles that may take the transition; 'owner' is the initiative's owner."),
    )
    gates = models.JSONField(
        _("gates"),
        default=list,
        blank=True,
        help_text=_("Conditions the initiative must meet before the transition."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = region_scoped(path="workflow__region")

    @property
    def plain(self) -> bool:
        """Taken with a button and a comment (on the initiative page), not on a form of its own."""
        return self.kind not in RECORDED_KINDS

    @property
    def comment_required(self) -> bool:
        return self.kind in COMMENT_REQUIRED_KINDS

    class Meta:
        ordering = ["workflow", "source__order", "order", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
