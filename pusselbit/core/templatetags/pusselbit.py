from django import template

from .. import formatting

register = template.Library()


def _or_empty(func):
    def wrapper(value):
        return "" if value is None or value == "" else func(value)

    wrapper.__name__ = func.__name__
    return wrapper


register.filter("money", _or_empty(formatting.format_money))
register.filter("whole_kronor", _or_empty(formatting.format_whole_kronor))
register.filter("number", _or_empty(formatting.format_number))
register.filter("long_date", _or_empty(formatting.format_long_date))
register.filter("iso_date", _or_empty(formatting.format_iso_date))
register.filter("long_datetime", _or_empty(formatting.format_long_datetime))
register.filter("file_size", _or_empty(formatting.format_file_size))


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key`, for dicts keyed by id."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def page_url(context, page, number):
    """The current URL's query string with page.param set to number (filters kept); the
    parameter is per list, so two paged lists can share one page."""
    params = context["request"].GET.copy()
    params[getattr(page, "param", "page")] = number
    return f"?{params.urlencode()}"
