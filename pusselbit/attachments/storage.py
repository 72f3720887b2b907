"""Where attachments are kept: the "attachments" entry of settings.STORAGES (the file system
under the var directory by default; object storage in production, see the README). The files
the product makes and keeps are there too, under prefixes of their own beside the attachments'
`<region id>/…`: compiled county reports under `reports/` (reporting.models) and published
assignment documents under `documents/` (public.models), so an operator runs and backs up one
store."""

from django.core.files.storage import storages
from django.utils.functional import LazyObject

ALIAS = "attachments"


class AttachmentStorage(LazyObject):
    """The configured storage, looked up in `storages` at each use rather than once when the
    model is loaded: a changed STORAGES (an installation's, or a test's override) then holds
    for every read and write. `storages` keeps one instance per alias, so a lookup is cheap."""

    @property
    def _wrapped(self):
        return storages[ALIAS]

    @_wrapped.setter
    def _wrapped(self, value):
        # LazyObject sets `empty` here when it is made; the storage is always looked up.
        pass


_storage = AttachmentStorage()


def attachment_storage():
    """The FileField's storage (a callable, so the migrations name this function rather than
    whatever storage the settings held when they were made)."""
    return _storage
