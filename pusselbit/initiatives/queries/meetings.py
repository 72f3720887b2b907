def meetings_context(initiative, user) -> dict:
    """What the initiative page's meetings section needs."""
    return {}
