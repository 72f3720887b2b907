"""Assignment document pages, under /regioner/<region_slug>/uppdrag/. Another region's
assignment is a 404; a page the user's roles do not allow is a 403."""
