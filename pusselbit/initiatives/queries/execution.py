def execution_context(initiative, user) -> dict:
    """What the initiative page's execution section needs."""
    return {}
