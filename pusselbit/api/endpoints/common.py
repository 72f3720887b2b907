"""What the API's operations share: the paging and the region in the address."""

from django.urls import reverse
from ninja import Schema
from pydantic import Field

SLUG = r"^[a-z0-9-]{1,50}$"
# No NUL and no other control character: PostgreSQL refuses NUL in a text, and no name or
# code holds one.
TEXT = r"^[^\x00-\x1f]*$"
# Offsets past this are refused, not sent to the database (SQLite's integers end at 2**63).
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 100


class Paging(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="The most items to return (1-100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


def page(count: int, items: list, paging: Paging) -> dict:
    return {"count": count, "limit": paging.limit, "offset": paging.offset, "items": items}


def sliced(rows: list, paging: Paging) -> dict:
    return page(len(rows), rows[paging.offset : paging.offset + paging.limit], paging)


def region_document(request, region) -> dict:
    """A region as the API gives it (schemas.Region)."""
    return {
        "slug": region.slug,
        "code": region.code,
        "name": region.name,
        "public_page": request.build_absolute_uri(
            reverse("public:initiatives", args=[region.slug])
        ),
    }
