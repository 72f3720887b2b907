"""The kinds of record that carry attachments, registered by the apps that own them (from their
AppConfig.ready): this app sits below them and imports none of them. Each registration names
the record's model, the word for it in the upload address, the permission names that decide who
sees its files, who attaches and who looks after them, the kinds of file it takes, and its page."""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404

from .enums import AttachmentKind


@dataclass(frozen=True)
class TargetKind:
    key: str  # in the upload address: /bilagor/ny/<key>/<pk>/
    model: type
    # Permission names (django-rules), each asked with the record as object.
    view: str  # sees the record: lists and downloads its files
    attach: str  # attaches a file
    manage: str  # removes anyone's file and sees the removed ones
    kinds: tuple[AttachmentKind, ...]
    page: Callable  # record -> the address of its page (the section's anchor is added)

    @property
    def region_path(self) -> str:
        # The path the model's scoped manager follows to its region (core.scoping).
        return self.model._default_manager.region_path

    def region_of(self, record):
        return attrgetter(self.region_path.replace("__", "."))(record)

    def find(self, region, pk: int):
        """The record `pk` of `region`; a 404 for any other region's (and, within a request's
        region scope, for any the scope leaves out)."""
        return get_object_or_404(self.model.objects.filter(**{self.region_path: region}), pk=pk)


_BY_KEY: dict[str, TargetKind] = {}
_BY_MODEL: dict[type, TargetKind] = {}


def register(model, *, key, view, attach, manage, kinds, page) -> TargetKind:
    kind = TargetKind(key, model, view, attach, manage, tuple(kinds), page)
    if _BY_KEY.get(key, kind).model is not model:
        raise ValueError(f"The attachment key {key!r} is taken by {_BY_KEY[key].model}.")
    _BY_KEY[key] = _BY_MODEL[model] = kind
    return kind


def by_key(key: str) -> TargetKind:
    """A 404 for a key nobody registered: it is part of an address."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise Http404 from None


def of(record) -> TargetKind:
    return _BY_MODEL[type(record)]


def of_content_type(content_type: ContentType) -> TargetKind | None:
    return _BY_MODEL.get(content_type.model_class())


def keys() -> list[str]:
    return sorted(_BY_KEY)
