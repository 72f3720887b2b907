from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped

from .initiative import Initiative


class Comment(models.Model):
    """A comment in an initiative's thread, among the people working on it. Never public, never
    edited nor deleted: the thread is a record of what was said."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    # The region's people named with @username in the body, each told by e-mail.
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("mentioned")
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return _("Comment by %(author)s") % {"author": self.author}
