from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Region

from .initiative import Initiative


class SearchText(models.Model):
    """What an initiative is searched by, gathered from the idea, the proposal, its effect
    measures, the final evaluation and the participating organisations into four texts by
    weight (initiatives.search.index keeps it current; it is derived, never edited).

    On PostgreSQL `vector` holds the four as a weighted tsvector in the `swedish` configuration
    (stemmed, stop words dropped), under a GIN index that migration 0008 creates on PostgreSQL
    only (SQLite has neither; it searches the texts themselves, see search.fulltext).
    `embedding` is the meaning of the text as a vector (core.embeddings), filled in by a
    background task; `embedded` says from which text, so a changed text is embedded again."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    # The region again, so the cross-region comparisons read one table.
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    title = models.TextField(blank=True)  # weight A
    summary = models.TextField(blank=True)  # weight B: the idea and the purpose
    results = models.TextField(blank=True)  # C: target groups, effect measures, evaluation
    context = models.TextField(blank=True)  # D: organisations, problem, goals, background
    vector = SearchVectorField(null=True, editable=False)
    embedding = models.BinaryField(null=True, editable=False)
    embedded = models.CharField(max_length=64, blank=True, editable=False)
    wanted = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = region_scoped()

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self):
        return self.title
