import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member, organisations_in

# Objects are the region.
rules.add_perm("reporting.view_reporting", is_region_member)
rules.add_perm(
    "reporting.report",
    has_role(
        Role.LOCAL_COORDINATOR,
        Role.COUNTY_COORDINATOR,
        Role.FINANCE_OFFICER,
        Role.INITIATOR,
        Role.ADMINISTRATOR,
    ),
)
manages_reporting = has_role(Role.COUNTY_COORDINATOR, Role.ADMINISTRATOR)
rules.add_perm("reporting.manage_reporting", manages_reporting)
# Publishing the compiled county report makes it a public record for good: the county
# coordinator, who compiles it and answers for what the county reports, decides it; not the
# administrator, whose role is the region's set-up.
rules.add_perm("reporting.publish_compilation", has_role(Role.COUNTY_COORDINATOR))


@rules.predicate
def is_national(user, region) -> bool:
    return region is None


# The object is the region the set will belong to, or None for a national set. A national set
# shows its questions and help texts in every region's report forms, so no one region's
# coordinator may put one there: only the platform operator, who answers to all regions. A
# region's coordinators import the region's own sets, which no other region sees.
rules.add_perm(
    "reporting.import_question_set", (is_national & rules.is_superuser) | manages_reporting
)


# One report (object: the report; its region is its requirement's). Seen as on the overview
# (queries.visible_recipient_ids): the county's coordinators see every recipient's, whoever works
# for a recipient of the requirement sees their own, and the rest of the region sees them all.


@rules.predicate
def sees_report(user, report) -> bool:
    region = report.requirement.region
    if not is_region_member(user, region):
        return False
    if user.has_perm("reporting.manage_reporting", region):
        return True
    own = organisations_in(user, region)
    return report.recipient_id in own or not (
        own and report.requirement.recipients.filter(pk__in=own).exists()
    )


@rules.predicate
def reports_for_recipient(user, report) -> bool:
    """As the report page lets one report: the role to, and the county view or work for the
    recipient."""
    region = report.requirement.region
    return user.has_perm("reporting.report", region) and (
        user.has_perm("reporting.manage_reporting", region)
        or report.recipient_id in organisations_in(user, region)
    )


@rules.predicate
def current_version(user, report) -> bool:
    return not type(report).objects.filter(replaces=report).exists()


@rules.predicate
def manages_its_reporting(user, report) -> bool:
    return user.has_perm("reporting.manage_reporting", report.requirement.region)


rules.add_perm("reporting.view_report", sees_report)
# Files on a report (pusselbit.attachments: an evaluation report, say) are attached to its
# current version by those who report for the recipient; the county's coordinators look after
# them.
rules.add_perm("reporting.attach_to_report", sees_report & reports_for_recipient & current_version)
rules.add_perm("reporting.manage_report_files", manages_its_reporting)
