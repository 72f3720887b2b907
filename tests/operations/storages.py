"""Storages that behave as a busy installation's may, for the operations tests."""

from django.core.files.storage import FileSystemStorage


class PrunedWhileListed(FileSystemStorage):
    """A folder storage in which the compiled reports' files are deleted just after they are
    listed, as when a compilation is pruned while a backup walks the storage."""

    def listdir(self, path):
        directories, files = super().listdir(path)
        if path.startswith("reports"):
            for name in files:
                self.delete(f"{path}/{name}")
        return directories, files
