"""One-line text: every short field of every model and form refuses line breaks and other
control characters, with the message next to the field."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

import pusselbit
from pusselbit.core.validators import one_line, validate_one_line
from pusselbit.organisations.models import Region

MULTI_LINE_WIDGETS = (forms.Textarea, forms.HiddenInput, forms.PasswordInput)
# These carry a validator of their own that refuses line breaks.
OWN_VALIDATION = (forms.EmailField, forms.URLField, forms.SlugField, forms.JSONField)
# Typed to sign in, never stored.
NOT_STORED = {
    "pusselbit.accounts.forms.LoginForm.username",
    "pusselbit.accounts.admin_forms.AdminLoginForm.username",
}


def _all_form_classes():
    for module in pkgutil.walk_packages(pusselbit.__path__, "pusselbit."):
        if "forms" in module.name.rsplit(".", 2)[-2:]:
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("pusselbit."):
                found.add(subclass)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_every_one_line_form_field_refuses_line_breaks():
    classes = _all_form_classes()
    assert len(classes) > 20
    unguarded = [
        f"{form.__module__}.{form.__qualname__}.{name}"
        for form in classes
        for name, field in form.declared_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field, OWN_VALIDATION)
        and not isinstance(field.widget, MULTI_LINE_WIDGETS)
        and validate_one_line not in field.validators
        and f"{form.__module__}.{form.__qualname__}.{name}" not in NOT_STORED
    ]
    assert unguarded == []


def test_every_model_char_field_refuses_line_breaks():
    fields = [
        field
        for model in apps.get_models()
        if model.__module__.startswith("pusselbit.")
        for field in model._meta.local_fields
        if isinstance(field, models.CharField)
    ]
    assert len(fields) > 50
    letting_through = []
    for field in fields:
        try:
            field.run_validators("Rad ett\nBcc: x@example.com")
        except ValidationError:
            continue
        letting_through.append(f"{field.model.__name__}.{field.name}")
    assert letting_through == []


def test_an_email_field_says_once_what_is_wrong():
    from pusselbit.accounts.models import User

    with pytest.raises(ValidationError) as refused:
        User._meta.get_field("email").run_validators("a@example.org\nBcc: x@example.com")
    assert len(refused.value.messages) == 1


@pytest.mark.parametrize(
    "value", ["Region\nBcc: x@example.com", "Region\r\nX", "Region\tX", "Region\u2028X", "\x00"]
)
def test_a_line_break_is_refused_next_to_the_field(value):
    region = Region(code="99", name=value, county_name="Län", slug="x")
    with pytest.raises(ValidationError) as refused:
        region.full_clean(validate_unique=False)
    assert refused.value.message_dict["name"] == [
        "Skriv på en rad. Radbrytningar och andra styrtecken är inte tillåtna."
    ]


def test_one_line_makes_any_text_safe_for_a_header():
    assert one_line("Samtalsstöd\r\nBcc: x@example.com\t i\u2028län") == (
        "Samtalsstöd Bcc: x@example.com i län"
    )
    assert one_line("a" * 300, 255) == "a" * 254 + "…"
