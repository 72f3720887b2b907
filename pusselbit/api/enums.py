from django.db import models
from django.utils.translation import gettext_lazy as _


class Access(models.TextChoices):
    """What a token may do: read the region's data, or also write it (through the same domain
    functions and permission rules as the pages)."""

    READ = "read", _("Read")
    READ_WRITE = "read_write", _("Read and write")
