"""The admin writes the way the pages do: through domain functions.

DomainAdmin sends every save and delete of a model admin, and of its inlines (DomainInline), to
three hooks — create_object, change_object, delete_object — that call the app's domain functions,
which check the rules, write the audit entry and refuse what the domain refuses. An admin or
inline without a hook does not offer that action, so a new admin is read-only until its hooks are
written, and a registered record stays read-only for everyone, the platform operator included.

A refusal (a ValidationError from a domain function) rolls the whole save back; the form is shown
again with what was typed and the refusal next to the field it concerns. Another region's object,
like one that does not exist, sends every page (change, delete, history) to the admin's index
with the admin's "doesn't exist" message, before any permission is asked."""

from contextlib import contextmanager

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpResponseRedirect

from .admin_widgets import CheckedAutocompleteSelect, CheckedAutocompleteSelectMultiple


class Refused(Exception):
    """A domain function refused the save; the change form is shown again with `error`."""

    def __init__(self, error: ValidationError):
        self.error = error
        super().__init__(" ".join(error.messages))


@contextmanager
def refusals():
    try:
        yield
    except ValidationError as error:
        raise Refused(error) from error


class DomainHooks:
    """What an admin or inline writes, each through a domain function with the acting user."""

    def create_object(self, request, obj, form):
        """Save the new `obj` (built from `form`) and return the saved row."""
        raise NotImplementedError

    def change_object(self, request, obj, form):
        """Save the changes `form` made to `obj`."""
        raise NotImplementedError

    def delete_object(self, request, obj):
        """Remove `obj`, or refuse with a ValidationError that says why."""
        raise NotImplementedError

    def writes(self, hook: str) -> bool:
        return getattr(type(self), hook) is not getattr(DomainHooks, hook)

    # Django's autocomplete widgets fail on a sent key that is not a number (admin_widgets).
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                CheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                CheckedAutocompleteSelectMultiple(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class _ShowRefusal:
    """Puts a refusal on the form again, next to the field it names where the form has one."""

    refusal: ValidationError

    def clean(self):
        cleaned_data = super().clean()
        if hasattr(self.refusal, "error_dict"):
            for field, errors in self.refusal.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, self.refusal)
        return cleaned_data


class DomainAdmin(DomainHooks, admin.ModelAdmin):
    """A model admin of the platform operator (the superuser), writing through its hooks.
    RegionScopedAdmin opens it to region administrators for their own regions."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return self.writes("create_object") and self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.writes("change_object") and self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.writes("delete_object") and self.has_view_permission(request, obj)

    def get_actions(self, request):
        # Removal goes one row at a time through the delete page, which says why a row that
        # the domain keeps cannot go.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def _missing(self, request, object_id):
        """The "doesn't exist" redirect when the object is not one this user may see."""
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "_domain_refusal", None)
        if refusal is None:
            return form
        return type(form.__name__, (_ShowRefusal, form), {"refusal": refusal})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None and (missing := self._missing(request, object_id)):
            return missing
        try:
            # The admin saves inside a transaction; a refusal rolls all of it back.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refused:
            request._domain_refusal = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if missing := self._missing(request, object_id):
            return missing
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refused as refused:
            self.message_user(request, " ".join(refused.error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        with refusals():
            if change:
                saved = self.change_object(request, obj, form)
            else:
                saved = self.create_object(request, obj, form)
        if saved is not None and saved is not obj:
            # The admin goes on with its own instance (inlines, the log, the redirect).
            obj.pk, obj._state.adding, obj._state.db = saved.pk, False, saved._state.db

    def save_related(self, request, form, formsets, change):
        # The hooks save the form's many-to-many values; form.save_m2m() would bypass them.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        inline = getattr(formset, "domain_inline", None)
        if inline is None:
            if formset.has_changed():
                raise ImproperlyConfigured(
                    f"{type(formset).__name__} writes without a domain function; "
                    "make its inline a DomainInline."
                )
            return
        formset.save(commit=False)  # sets each row's parent; saves nothing
        forms = {id(f.instance): f for f in formset.forms}
        with refusals():
            for obj in formset.deleted_objects:
                inline.delete_object(request, obj)
            for obj, _fields in formset.changed_objects:
                inline.change_object(request, obj, forms.get(id(obj)))
            for obj in formset.new_objects:
                inline.create_object(request, obj, forms.get(id(obj)))

    def delete_model(self, request, obj):
        with refusals():
            self.delete_object(request, obj)

    def delete_queryset(self, request, queryset):
        # Not offered (get_actions), but should an admin add a bulk action back, each row still
        # goes through the domain.
        for obj in queryset:
            self.delete_model(request, obj)


class DomainInline(DomainHooks):
    """An inline of a DomainAdmin: whoever may change the parent may write the rows its hooks
    write."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.domain_inline = self
        return formset

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._parent_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj):
        return self.writes("create_object") and self._parent_admin().has_change_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return self.writes("change_object") and self._parent_admin().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return self.writes("delete_object") and self._parent_admin().has_change_permission(
            request, obj
        )
