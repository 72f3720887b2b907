"""Lists of rows edited on one page and saved with one submit (Django model formsets): each row
a fieldset with its own fields and errors, a few blank rows to add, a box to remove a row. What
became of each row is handed to a domain function as RowChanges (pusselbit.core.rows)."""

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _

from .forms import add_errors
from .rows import RowChange

# A list of rows is short (a budget, an initiative's participants); a sending that claims more
# rows than this is refused next to the list rather than building thousands of forms.
MOST_ROWS = 100


class RowFormSet(forms.BaseModelFormSet):
    """Rows of one kind. `row_name` names a saved row in its legend and in the errors at the top
    of the page; `new_row` (with %(number)s) names a blank one; `remove_label` labels the box
    that removes a saved row."""

    row_name = staticmethod(str)
    new_row = "%(number)s"
    remove_label = ""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].label = self.remove_label
        key = form.fields.get(self.model._meta.pk.name)
        if key is not None:  # a saved row's hidden key, naming a row no longer there
            key.error_messages["invalid_choice"] = _(
                "Someone else has removed this row since the page was opened."
            )
        if form.instance.pk is not None:
            form.legend = self.row_name(form.instance)
        elif index is not None and index < self.initial_form_count():
            form.legend = _("A row removed meanwhile")
        else:
            form.legend = self.new_row % {"number": (index or 0) - self.initial_form_count() + 1}

    def changes(self) -> list[RowChange]:
        """What became of each row of the valid formset: removed, changed, added; a row left
        as it was, and a blank row left blank, are not in the list."""
        changes = []
        for form in self.forms:
            saved = form.instance if form.instance.pk is not None else None
            if saved is not None and self._should_delete_form(form):
                # The row as stored: validating the form wrote what was typed onto its
                # instance, and the removal's audit entry names the row as it was.
                stored = self.model._default_manager.get(pk=saved.pk)
                changes.append(RowChange(form, stored, remove=True))
            elif form.has_changed():
                fields = {
                    name: form.cleaned_data.get(name)
                    for name in form.fields
                    if name not in (DELETION_FIELD_NAME, self.model._meta.pk.name)
                }
                changes.append(RowChange(form, saved, fields))
        return changes


def row_formset(model, form, formset=RowFormSet, *, extra: int, **attributes):
    """A RowFormSet of `form` over `model`, with `extra` blank rows and the attributes given
    (row_name, new_row, remove_label)."""
    made = forms.modelformset_factory(
        model,
        form=form,
        formset=formset,
        extra=extra,
        can_delete=True,
        can_delete_extra=False,
        max_num=MOST_ROWS,
        absolute_max=MOST_ROWS,
        validate_max=True,
    )
    for name, value in attributes.items():
        setattr(made, name, staticmethod(value) if name == "row_name" else value)
    return made


def show_refusals(refusals: dict) -> None:
    """Each refused row's reasons next to its fields, or at the top of its row."""
    for form, error in refusals.items():
        add_errors(form, error)


class _Entry:
    """A field (or a row) with errors, as core/includes/error_summary.html reads one."""

    def __init__(self, auto_id, label, errors):
        self.auto_id, self.label, self.errors = auto_id, label, errors


class ErrorSummary:
    """A page's form and its lists of rows, read by core/includes/error_summary.html as one
    form: every error, each linked to its field (a row's own errors to its fieldset, whose id
    is the row's prefix), named with the row's legend."""

    def __init__(self, *parts):
        self.parts = parts

    def _forms(self):
        for part in self.parts:
            if isinstance(part, forms.BaseFormSet):
                yield from part.forms
            else:
                yield part

    @property
    def errors(self) -> bool:
        return any(form.errors for form in self._forms()) or any(
            part.non_form_errors() for part in self.parts if isinstance(part, forms.BaseFormSet)
        )

    def non_field_errors(self) -> list:
        errors = []
        for part in self.parts:
            if isinstance(part, forms.BaseFormSet):
                errors += part.non_form_errors()
            else:
                errors += part.non_field_errors()
        return errors

    def __iter__(self):
        for part in self.parts:
            if not isinstance(part, forms.BaseFormSet):
                yield from (field for field in part if field.errors)
                continue
            for form in part.forms:
                if form.non_field_errors():
                    yield _Entry(form.prefix, form.legend, form.non_field_errors())
                for field in form:
                    if field.errors:
                        # A hidden field (the row's key) is reached at its row.
                        target = form.prefix if field.is_hidden else field.auto_id
                        yield _Entry(target, f"{form.legend}, {field.label}", field.errors)
