from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from pusselbit.core.submissions import OnceForm

from .enums import AttachmentKind
from .files import ALLOWED, allowed_extensions, max_bytes


class UploadForm(OnceForm):
    """A file and its kind. The file is checked by the domain function (files.check_upload),
    whose refusal is shown next to the field."""

    file = forms.FileField(label=_("File"))
    kind = forms.ChoiceField(label=_("Kind of file"))

    def __init__(self, *args, kinds=tuple(AttachmentKind), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["kind"].initial = kinds[0].value
        self.fields["file"].help_text = _("%(types)s; at most %(limit)s.") % {
            "types": allowed_extensions(),
            "limit": filesizeformat(max_bytes()),
        }
        # A hint to the browser's file picker; the server checks the content regardless.
        self.fields["file"].widget.attrs["accept"] = ",".join(sorted(ALLOWED))
