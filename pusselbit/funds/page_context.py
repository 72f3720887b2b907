"""What the apps above funds add to an agreement's page. Funds sit below reporting (the import
contract in pyproject.toml), yet the page says who does not yet meet the preconditions the year
before set for these funds, which reporting knows. So reporting adds it here when it loads
(reporting.apps), and funds calls what was added without importing it."""

from collections.abc import Callable

_AGREEMENT_PAGE: list[Callable] = []


def add_to_agreement_page(provider: Callable) -> None:
    """`provider(region, agreement) -> dict` of more context for the agreement's page."""
    if provider not in _AGREEMENT_PAGE:
        _AGREEMENT_PAGE.append(provider)


def agreement_page(region, agreement) -> dict:
    context = {}
    for provider in _AGREEMENT_PAGE:
        context.update(provider(region, agreement))
    return context
