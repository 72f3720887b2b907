import time

from django.core.management.base import BaseCommand

from pusselbit.core import embeddings
from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.models import Initiative
from pusselbit.initiatives.search.index import refresh_many
from pusselbit.initiatives.search.tasks import embed_rows


class Command(BaseCommand):
    help = (
        "Gather every initiative's search text again and embed the meaning of those whose text "
        "changed (what the domain functions and the background task otherwise do one by one)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--texts-only", action="store_true", help="Do not embed (leave it to the worker)."
        )

    def handle(self, *args, texts_only=False, **options):
        # The index serves every region.
        with scopes_disabled():
            started = time.monotonic()
            count = refresh_many(Initiative.objects.order_by("pk").values_list("pk", flat=True))
            self.stdout.write(f"{count} search texts in {time.monotonic() - started:.1f} s")
            if texts_only:
                return
            if not embeddings.available():
                self.stdout.write("The embedding model is not installed: no meanings embedded.")
                return
            started = time.monotonic()
            count = embed_rows()
            self.stdout.write(f"{count} embedded in {time.monotonic() - started:.1f} s")
