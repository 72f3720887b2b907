from django.contrib import admin
from django.db.models import Q

from pusselbit.core.admin_scoping import (
    ReadOnlyRegionScopedAdmin,
    RegionFilter,
    RegionScopedAdmin,
    admin_region_ids,
)

from .domain.preconditions import add_precondition, change_precondition, remove_precondition
from .domain.requirements import (
    FIELDS,
    LOCKED_BY_REPORTS,
    create_requirement,
    remove_requirement,
    update_requirement,
)
from .models import Precondition, Report, Requirement

# Coordinators set requirements and preconditions up on the reporting pages; the admin is for
# the platform operator and region administrators who need to look at or mend a row, through
# the same domain functions and their locks. Reports are registered records: read-only here; a
# submitted report is corrected by a new version (reporting.domain.correct_report).


@admin.register(Requirement)
class RequirementAdmin(RegionScopedAdmin):
    list_display = ["agreement", "region", "kind", "deadline", "question_set"]
    list_filter = ["kind", "agreement", ("region", RegionFilter)]
    list_select_related = ["agreement", "region", "question_set"]
    scoped_foreign_keys = {"region": "pk"}
    scoped_many_to_many = {"recipients": "region"}
    filter_horizontal = ["recipients"]
    # Written on its own page (reporting:narrative) through write_narrative.
    exclude = ["narrative"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        ids = admin_region_ids(request)
        if db_field.name == "question_set" and ids is not None:
            # The national sets and the administered regions' own, as the page offers.
            field.queryset = field.queryset.filter(Q(region__isnull=True) | Q(region__in=ids))
        return field

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.reports.exists():
            return ["region", *LOCKED_BY_REPORTS]
        return ["region"]

    def _fields(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in FIELDS if name in form.cleaned_data}

    def create_object(self, request, obj, form):
        return create_requirement(request.user, obj.region, **self._fields(form))

    def change_object(self, request, obj, form):
        return update_requirement(request.user, obj, None, **self._fields(form))

    def delete_object(self, request, obj):
        remove_requirement(request.user, obj)


@admin.register(Precondition)
class PreconditionAdmin(RegionScopedAdmin):
    list_display = ["text", "agreement", "region"]
    list_select_related = ["agreement", "region"]
    scoped_foreign_keys = {"region": "pk", "requirement": "region"}

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["agreement", "region", "requirement"]

    def create_object(self, request, obj, form):
        return add_precondition(
            request.user, obj.region, obj.agreement, obj.text, requirement=obj.requirement
        )

    def change_object(self, request, obj, form):
        return change_precondition(request.user, obj, text=obj.text, order=obj.order)

    def delete_object(self, request, obj):
        remove_precondition(request.user, obj)


@admin.register(Report)
class ReportAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "requirement__region"
    list_display = [
        "requirement",
        "recipient",
        "version",
        "status",
        "submitted_at",
        "registration_number",
    ]
    list_filter = ["status", "requirement__kind"]
    list_select_related = ["requirement__agreement", "requirement__region", "recipient"]
