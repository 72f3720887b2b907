from django.contrib import admin

from pusselbit.core.admin_scoping import ReadOnlyRegionScopedAdmin, RegionFilter
from pusselbit.core.admin_writes import DomainAdmin

from .domain import create_agreement, remove_agreement, update_agreement
from .models import Agreement, Allocation, Commitment, Requisition, Share, Spending

# Money moves through the pages and their domain functions (which check the sums); allocations,
# requisitions, commitments and spending are registered records, which the admin shows,
# read-only, for support and audit. A mistake is corrected the way the ledger corrects it.


@admin.register(Agreement)
class AgreementAdmin(DomainAdmin):
    """The agreements are the platform operator's reference data."""

    list_display = ["name", "full_name", "year", "use_by"]

    def create_object(self, request, obj, form):
        return create_agreement(obj.name, obj.full_name, obj.year, obj.use_by, actor=request.user)

    def change_object(self, request, obj, form):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        return update_agreement(obj, actor=request.user, **fields) if fields else obj

    def delete_object(self, request, obj):
        remove_agreement(obj, actor=request.user)


class ShareInline(admin.TabularInline):
    model = Share
    extra = 0
    readonly_fields = ["recipient", "weight", "amount", "pooled"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "funds__region"
    list_display = ["funds", "key", "unit", "created_at"]
    list_filter = ["key", "funds__agreement", ("funds__region", RegionFilter)]
    list_select_related = ["funds__agreement", "funds__region", "funds__direction"]
    inlines = [ShareInline]


@admin.register(Requisition)
class RequisitionAdmin(ReadOnlyRegionScopedAdmin):
    list_display = [
        "agreement",
        "region",
        "requisitioned_by",
        "requisitioned_from",
        "amount",
        "requisitioned_on",
    ]
    list_select_related = ["agreement", "region", "requisitioned_by"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "share__allocation__funds__region"
    list_display = ["share", "decision", "year", "amount", "released_by"]
    list_select_related = [
        "share__recipient",
        "share__allocation__funds__direction",
        "share__allocation__funds__agreement",
        "share__allocation__funds__region",
        "decision",
    ]


@admin.register(Spending)
class SpendingAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "share__allocation__funds__region"
    list_display = ["share", "amount", "spent_on", "description"]
    list_select_related = [
        "share__recipient",
        "share__allocation__funds__direction",
        "share__allocation__funds__agreement",
        "share__allocation__funds__region",
    ]
