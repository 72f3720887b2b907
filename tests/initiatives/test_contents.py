"""The initiative page in sections with a table of contents (issue 16, item 6): a link to every
section on the page, in the page's order, each to a section with its own heading."""

import lxml.html
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def contents_and_sections(client, initiative):
    html = client.get(reverse("initiatives:detail", args=["blekinge", initiative.pk])).content
    document = lxml.html.fromstring(html.decode())
    (contents,) = document.xpath("//main//nav[contains(@class, 'contents')]")
    links = [href.removeprefix("#") for href in contents.xpath(".//a/@href")]
    sections = document.xpath("//main/section[@id]/@id")
    headed = document.xpath("//main/section[@id][@aria-labelledby][.//h2[@id]]/@id")
    return links, sections, headed


@pytest.mark.parametrize("stage", ["ide", "radgivning", "underlag", "genomforande"])
def test_the_contents_link_every_section_in_the_page_order(client, people, make_initiative, stage):
    initiative = make_initiative(stage)
    client.force_login(people["county_coordinator"])

    links, sections, headed = contents_and_sections(client, initiative)

    assert links == sections
    assert headed == sections
    assert ("execution" in links) == (stage == "genomforande")
    if stage == "radgivning":  # the advice asked for comes first, before the idea
        assert links.index("advice") < links.index("idea")
