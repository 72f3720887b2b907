from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.core import embeddings
from pusselbit.core.pagination import PER_PAGE
from pusselbit.initiatives.views.base import initiative_for
from pusselbit.organisations.queries import region_named
from pusselbit.public import results
from pusselbit.public.views.pages import public_page

from . import library, ranking, region_search
from .forms import LearnForm, SearchForm, TextForm


@login_required
def search(request, region_slug):
    """Search the region's initiatives by words and by meaning, best first."""
    region = region_named(request, region_slug)
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid():
        page = region_search.results_page(
            region, form.cleaned_data["q"], request.GET.get("page"), per_page=PER_PAGE
        )
    return render(
        request,
        "learning/search.html",
        {
            "region": region,
            "form": form,
            "page": page,
            "by_meaning": embeddings.available(),
        },
    )


def _similar(request, template, context):
    """The full page, or only the list when the page's script asks for it to show in place."""
    if request.GET.get("del") == "lista":
        template = "learning/includes/similar_list.html"
    context["by_meaning"] = embeddings.available()
    return render(request, template, context)


@login_required
def similar_to_initiative(request, region_slug, pk):
    """The initiatives most like this one in meaning, across regions (the others' public ones)."""
    initiative = initiative_for(request, region_slug, pk)
    found = ranking.shown(ranking.similar_to(initiative, request.user), request.user)
    return _similar(
        request,
        "learning/similar.html",
        {"region": initiative.region, "initiative": initiative, "similar": found},
    )


@login_required
def similar_to_text(request, region_slug):
    """Initiatives like an idea being written ("Liknande satsningar finns redan"): the idea
    form's script asks as the initiator types; without script the form's page links here."""
    region = region_named(request, region_slug)
    form = TextForm(request.GET or None)
    found = []
    if form.is_valid():
        found = ranking.shown(
            ranking.similar_to_text(form.cleaned_data["text"], request.user), request.user
        )
    return _similar(
        request,
        "learning/similar_to_text.html",
        {"region": region, "form": form, "similar": found, "asked": form.is_bound},
    )


@public_page
def learn(request):
    """Lär av andra: every region's published initiatives, searched and filtered, with what
    came of them. A public page: everyone sees the same, a signed-in user too (only the
    published initiatives of their own region, like anyone else's)."""
    form = LearnForm(request.GET or None, choices=results.filter_choices())
    filters, text = form.filters(), form.text()
    page = library.results_page(filters, text, request.GET.get("page"))
    return render(
        request,
        "learning/learn.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(text) or filters != results.Filters(),
            "by_meaning": embeddings.available(),
        },
    )
