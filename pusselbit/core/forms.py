"""Helpers every app's forms share."""


def add_errors(form, error) -> None:
    """Show a domain ValidationError on the form: next to its field where it names one of the
    form's fields, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
