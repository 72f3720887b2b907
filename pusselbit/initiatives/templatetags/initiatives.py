from django import template

from ..history import describe

register = template.Library()


@register.filter
def history_sentence(entry) -> str:
    return describe(entry)
