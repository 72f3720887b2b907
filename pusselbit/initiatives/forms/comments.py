from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.submissions import OnceForm

from ..domain.comments import MAX_LENGTH


class CommentForm(OnceForm):
    body = forms.CharField(
        label=_("Comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Seen by the region's people, never by the public. Write @ and a user name "
            "(e.g. @anna.andersson) to tell someone by e-mail."
        ),
    )
