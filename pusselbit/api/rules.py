import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member


@rules.predicate
def made_the_token(user, token) -> bool:
    return token is not None and token.user_id == user.pk


# Objects: the region. Any of the region's users may make a token for their own work: it acts
# with their roles, so it reaches nothing they could not reach on the pages.
rules.add_perm("api.make_tokens", is_region_member)
# Object: the token. Its maker, and the region's administrator (who sees every token of the
# region, e.g. to cut off a program when someone leaves).
rules.add_perm(
    "api.revoke_token", (is_region_member & made_the_token) | has_role(Role.ADMINISTRATOR)
)
rules.add_perm("api.see_all_tokens", has_role(Role.ADMINISTRATOR))
