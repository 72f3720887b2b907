"""A region's workflow in the admin: its administrators rename stages, add or remove optional
stages and change who may take each transition; the platform operator may change anything.

A workflow is saved whole or not at all: the form and both inlines are saved inside one
transaction, the result is checked with workflow_problems, and if it has problems the
transaction is rolled back and the change form is shown again with what was typed and the
problems (WorkflowAdmin.changeform_view)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import ProtectedError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from pusselbit.core import audit
from pusselbit.core.admin_scoping import RegionScopedAdmin, admin_region_ids
from pusselbit.organisations.models import Region

from .domain.workflows import connect_new_stage, stage_removal_blockers
from .enums import (
    ACTOR_CHOICES,
    DecisionOutcome,
    RecommendationOutcome,
    StageKind,
    TransitionKind,
)
from .models import Stage, Transition, Workflow
from .workflows.engine import install_workflow, remove_workflow
from .workflows.gates import GATE_CHOICES
from .workflows.validation import workflow_problems

STAGE_FIELDS = [
    "name",
    "name_en",
    "key",
    "kind",
    "order",
    "optional",
    "idea_editable",
    "advice",
    "proposal_editable",
    "running",
    "description",
]
# What a region administrator may not change on an existing stage: its identity, its place
# as start or end, and whether it may be removed.
LOCKED_STAGE_FIELDS = ["key", "kind", "optional"]
TRANSITION_FIELDS = [
    "name",
    "name_en",
    "source",
    "target",
    "kind",
    "outcome",
    "roles",
    "gates",
    "order",
]
OUTCOME_CHOICES = [
    ("", "---------"),
    (TransitionKind.RECOMMENDATION.label, RecommendationOutcome.choices),
    (TransitionKind.DECISION.label, DecisionOutcome.choices),
]


class _WorkflowRefused(Exception):
    """The saved workflow has problems; the save is rolled back and the form shown again."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


def _administers(request, workflow) -> bool:
    """The user administers `workflow`'s region (None: any region, as the admin asks when it
    lists an inline's rows of a workflow it has already scoped)."""
    if request.user.is_superuser:
        return True
    # The admin asks for every inline row; answer once a request.
    known = request.__dict__.setdefault("_administers_workflow", {})
    key = None if workflow is None else workflow.region_id
    if key not in known:
        ids = admin_region_ids(request) or []
        known[key] = bool(ids) if key is None else key in ids
    return known[key]


def _limit_to_stages(field, stages, choices):
    # The queryset validates; the choices, evaluated once per formset, render every row's
    # select without a query each.
    field.queryset = stages
    field.choices = choices


def _stage_choices(workflow):
    stages = Stage.objects.filter(workflow=workflow) if workflow.pk else Stage.objects.none()
    return stages, [("", "---------"), *((s.pk, str(s)) for s in stages)]


class WorkflowForm(forms.ModelForm):
    # The problems of a save that was rolled back, shown as the form's errors (set per request
    # by WorkflowAdmin.get_form).
    problems: list[str] = []

    class Meta:
        model = Workflow
        fields = ["region", "name"]

    def clean(self):
        cleaned_data = super().clean()
        if self.problems:
            raise ValidationError(self.problems)
        return cleaned_data


class StageForm(forms.ModelForm):
    comes_after = forms.ModelChoiceField(
        queryset=Stage.objects.none(),
        required=False,
        label=_("comes after"),
        help_text=_(
            "For a new stage: the stage it follows. It gets a way in from there, a way on to "
            "the stage it leads to, and the same ways to withdraw or turn down."
        ),
    )
    leads_to = forms.ModelChoiceField(
        queryset=Stage.objects.none(),
        required=False,
        label=_("leads to"),
        help_text=_("For a new stage that is not an end stage: the stage it leads on to."),
    )
    # True for a region administrator (set per request by StageInline.get_formset): existing
    # stages keep their key, kind and optionality, and new stages are optional.
    restricted = False
    # Who is editing (set per request too): the domain's rules of removal ask.
    actor = None

    class Meta:
        model = Stage
        fields = STAGE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["comes_after"].disabled = True
            self.fields["leads_to"].disabled = True
            if self.restricted:
                for name in LOCKED_STAGE_FIELDS:
                    self.fields[name].disabled = True
        elif self.restricted:
            self.fields["optional"].initial = True
            self.fields["optional"].disabled = True

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            return cleaned_data
        if not cleaned_data.get("comes_after"):
            self.add_error("comes_after", gettext("Choose the stage the new stage follows."))
        if cleaned_data.get("kind") != StageKind.END and not cleaned_data.get("leads_to"):
            self.add_error("leads_to", gettext("Choose the stage the new stage leads on to."))
        return cleaned_data


class StageFormSet(BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stages, self.stage_choices = _stage_choices(self.instance)
        self.new_stages = []  # (stage, comes after, leads to), filled by save_new

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name in ("comes_after", "leads_to"):
            _limit_to_stages(form.fields[name], self.stages, self.stage_choices)

    def clean(self):
        super().clean()
        problems = []
        for form in self.forms:
            if not (self.can_delete and self._should_delete_form(form)) or not form.instance.pk:
                continue
            stage = Stage.objects.select_related("workflow__region").get(pk=form.instance.pk)
            problems.extend(stage_removal_blockers(stage, actor=self.form.actor))
        if problems:
            raise ValidationError(problems)

    def save_new(self, form, commit=True):
        stage = super().save_new(form, commit=commit)
        after = form.cleaned_data.get("comes_after")
        if after is not None and "order" not in form.changed_data:
            stage.order = after.order + 1
            stage.save(update_fields=["order"])
        self.new_stages.append((stage, after, form.cleaned_data.get("leads_to")))
        return stage


class TransitionAdminForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=Transition._meta.get_field("roles").verbose_name,
        help_text=Transition._meta.get_field("roles").help_text,
        choices=ACTOR_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    gates = forms.MultipleChoiceField(
        label=Transition._meta.get_field("gates").verbose_name,
        help_text=Transition._meta.get_field("gates").help_text,
        choices=GATE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outcome = forms.ChoiceField(
        label=Transition._meta.get_field("outcome").verbose_name,
        help_text=Transition._meta.get_field("outcome").help_text,
        choices=OUTCOME_CHOICES,
        required=False,
    )

    class Meta:
        model = Transition
        fields = TRANSITION_FIELDS
        # The formset limits them to the workflow's stages (a query outside a region's scope
        # raises, and this form is made when the module is imported).
        field_classes = {"source": SafeModelChoiceField, "target": SafeModelChoiceField}

    def clean_roles(self):
        chosen = set(self.cleaned_data["roles"])
        return [value for value, _label in ACTOR_CHOICES if value in chosen]

    def clean_gates(self):
        chosen = set(self.cleaned_data["gates"])
        return [value for value, _label in GATE_CHOICES if value in chosen]


class TransitionFormSet(BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stages, self.stage_choices = _stage_choices(self.instance)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name in ("source", "target"):
            _limit_to_stages(form.fields[name], self.stages, self.stage_choices)


class _WorkflowPartInline(admin.TabularInline):
    """Stages and transitions: whoever may change the workflow may change them."""

    extra = 0

    def has_view_permission(self, request, obj=None):
        return _administers(request, obj)

    def has_change_permission(self, request, obj=None):
        return _administers(request, obj)

    def has_add_permission(self, request, obj):
        return _administers(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _administers(request, obj)


class StageInline(_WorkflowPartInline):
    model = Stage
    form = StageForm
    formset = StageFormSet
    fields = [*STAGE_FIELDS, "comes_after", "leads_to"]

    def get_formset(self, request, obj=None, **kwargs):
        form = type(
            "StageForm",
            (self.form,),
            {"restricted": not request.user.is_superuser, "actor": request.user},
        )
        return super().get_formset(request, obj, form=form, **kwargs)


class TransitionInline(_WorkflowPartInline):
    model = Transition
    form = TransitionAdminForm
    formset = TransitionFormSet
    fields = TRANSITION_FIELDS


@admin.register(Workflow)
class WorkflowAdmin(RegionScopedAdmin):
    """Region administrators change their own region's workflow; only the platform operator
    adds one (a copy of the default, install_workflow) or deletes one."""

    region_path = "region"
    form = WorkflowForm
    list_display = ["name", "region"]
    list_select_related = ["region"]
    inlines = [StageInline, TransitionInline]

    def get_fields(self, request, obj=None):
        return ["region"] if obj is None else ["region", "name"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["region"]

    def get_inline_instances(self, request, obj=None):
        return [] if obj is None else super().get_inline_instances(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":
            kwargs["queryset"] = Region.objects.filter(workflow__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        problems = getattr(request, "_workflow_problems", None)
        if problems:
            form = type(form.__name__, (form,), {"problems": problems})
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().changeform_view(request, object_id, form_url, extra_context)
        except _WorkflowRefused as refused:
            # Rolled back. Show the form again, bound to what was typed, with the problems.
            request._workflow_problems = refused.problems
            return super().changeform_view(request, object_id, form_url, extra_context)

    def create_object(self, request, obj, form):
        installed = install_workflow(obj.region, actor=request.user)
        obj.name = installed.name
        return installed

    def change_object(self, request, obj, form):
        # The name, stages and transitions are saved whole, in one transaction, checked and
        # audited as workflow.changed (save_related).
        obj.save(update_fields=["name"])
        return obj

    def delete_object(self, request, obj):
        remove_workflow(obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        # The workflow's own stages and transitions: saved with it and checked whole below.
        formset.save()

    def save_related(self, request, form, formsets, change):
        form.save_m2m()
        # Transitions first, so that a removed stage takes its remaining transitions with it.
        for formset in sorted(formsets, key=lambda formset: formset.model is Stage):
            try:
                self.save_formset(request, form, formset, change=change)
            except ProtectedError:
                # Someone moved an initiative into a stage between the check and the save.
                blockers = [
                    problem
                    for stage in formset.deleted_objects
                    for problem in stage_removal_blockers(stage, actor=request.user)
                ]
                if not blockers:
                    raise
                raise _WorkflowRefused(blockers) from None
            for stage, after, before in getattr(formset, "new_stages", []):
                connect_new_stage(stage, after, before, actor=request.user)
        workflow = form.instance
        problems = workflow_problems(list(workflow.stages.all()), list(workflow.transitions.all()))
        if problems:
            raise _WorkflowRefused(problems)
        if change:
            audit.record(
                "workflow.changed",
                workflow,
                actor=request.user,
                changes=self.construct_change_message(request, form, formsets, False),
            )
