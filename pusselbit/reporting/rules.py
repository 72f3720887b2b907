import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member

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
