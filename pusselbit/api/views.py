"""The region's API tokens page: make a token (its key is shown once), see one's own tokens
(the administrator sees everyone's), revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import region_with

from .domain import make_api_token, revoke_api_token
from .forms import TokenForm
from .models import ApiToken

# The new key waits in the session for the one page that shows it: after a redirect, so a
# reload does not make a second token, and never again after that page.
NEW_KEY = "api_token_new_key"


def _tokens(request, region):
    tokens = ApiToken.objects.filter(region=region).select_related("user", "revoked_by")
    if not request.user.has_perm("api.see_all_tokens", region):
        tokens = tokens.filter(user=request.user)
    return tokens


@login_required
def tokens(request, region_slug):
    region = region_with(request, region_slug, "api.make_tokens")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        try:
            token, key = make_api_token(region, actor=request.user, **form.cleaned_data)
        except AlreadySubmitted as sent:
            # A double click: the first sending made the token and shows its key.
            return answer_sent_again(
                request, sent, lambda token: redirect("api_tokens:list", region.slug)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            request.session[NEW_KEY] = [token.pk, key]
            return redirect("api_tokens:list", region.slug)
    new_pk, new_key = request.session.pop(NEW_KEY, [None, None])
    return render(
        request,
        "api/tokens.html",
        {
            "region": region,
            "form": form,
            "tokens": paginate(request, _tokens(request, region)),
            "new_pk": new_pk,
            "new_key": new_key,
            "sees_all": request.user.has_perm("api.see_all_tokens", region),
        },
    )


@login_required
@require_POST
def revoke(request, region_slug, pk):
    region = region_with(request, region_slug, "api.make_tokens")
    # Someone else's token is not found, as it is not listed, unless one administers the region.
    token = get_object_or_404(_tokens(request, region), pk=pk)
    try:
        revoke_api_token(token, actor=request.user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name},
        )
    return redirect("api_tokens:list", region.slug)
