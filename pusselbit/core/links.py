"""Links to many objects of one kind, reversed once: `reverse` per row of a long list cost
more than the rest of the row (profiled on the municipality list and the plan page)."""

from django.urls import reverse

PLACEHOLDER = 987654321  # a pk no row has in practice, found and replaced in the reversed path


def url_maker(name: str, *args):
    """A function pk → the URL `name` with `args` and then the pk, as `reverse` gives it."""
    path = reverse(name, args=[*args, PLACEHOLDER])
    before, found, after = path.rpartition(str(PLACEHOLDER))
    assert found, path

    def url(pk) -> str:
        return f"{before}{int(pk)}{after}"

    return url
