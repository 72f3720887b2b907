from django.contrib import admin

from pusselbit.accounts.admin_scoping import ReadOnlyRegionScopedAdmin, RegionScopedAdmin

from .models import Precondition, Report, Requirement

# Coordinators set requirements and preconditions up on the reporting pages; the admin is for
# the platform operator and region administrators who need to look at or mend a row.


@admin.register(Requirement)
class RequirementAdmin(RegionScopedAdmin):
    list_display = ["agreement", "region", "kind", "deadline", "question_set"]
    list_filter = ["kind", "agreement", "region"]
    list_select_related = ["agreement", "region", "question_set"]
    scoped_foreign_keys = {"region": "pk"}
    filter_horizontal = ["recipients"]


@admin.register(Precondition)
class PreconditionAdmin(RegionScopedAdmin):
    list_display = ["text", "agreement", "region"]
    list_select_related = ["agreement", "region"]
    scoped_foreign_keys = {"region": "pk"}


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
