from django.contrib import admin

from pusselbit.accounts.admin_scoping import ReadOnlyRegionScopedAdmin

from .models import Agreement, Allocation, Commitment, Requisition, Share, Spending

# Money moves through the pages and their domain functions (which check the sums); the admin
# shows it, read-only, for support and audit.


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["name", "full_name", "year", "use_by"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    has_view_permission = has_module_permission


class ShareInline(admin.TabularInline):
    model = Share
    extra = 0
    readonly_fields = ["recipient", "weight", "amount", "pooled"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "funds__region"
    list_display = ["funds", "key", "unit", "created_at"]
    list_filter = ["key", "funds__agreement", "funds__region"]
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
