from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again

from .. import domain
from ..forms.comments import CommentForm
from .base import add_errors, check, initiative_for, to_detail


def _to_thread(comment_or_initiative):
    initiative = getattr(comment_or_initiative, "initiative", comment_or_initiative)
    return to_detail(initiative, "comments")


@login_required
def post(request, region_slug, pk):
    """Write in the initiative's thread. The form is on the initiative's page; a sending it
    refuses comes back here, with what was typed and the reason next to the field."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.comment", initiative)
    form = CommentForm(request.POST or None, prefix="comment")
    if form.is_valid():
        try:
            comment = domain.post_comment(
                initiative,
                form.cleaned_data["body"],
                actor=request.user,
                submission=form.submission_key,
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, _to_thread)
        except ValidationError as error:
            add_errors(form, error)
        else:
            told = [user for user in comment.mentioned.all() if user.pk != request.user.pk]
            messages.success(
                request,
                _("The comment is posted; %(names)s will be told by e-mail.")
                % {"names": ", ".join(str(user) for user in told)}
                if told
                else _("The comment is posted."),
            )
            return _to_thread(comment)
    context = {"initiative": initiative, "region": initiative.region, "form": form}
    return render(request, "initiatives/comment_form.html", context)
