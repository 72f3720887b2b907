"""An id no database column can hold — a 25-digit number in a checkbox, a select or the
address — names no row: the form says the choice is not valid, never a server error."""

import pytest
from django import forms

from pusselbit.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HUGE = ["1" * 25, "9" * 19, "-" + "1" * 25]


@pytest.mark.parametrize("value", HUGE)
def test_multiple_choice_with_a_huge_id_is_not_valid(blekinge, value):
    known = OrganisationFactory(region=blekinge)

    class Choices(forms.Form):
        many = forms.ModelMultipleChoiceField(Organisation.objects.all())

    form = Choices({"many": [str(known.pk), value]})

    assert not form.is_valid()
    assert "finns inte bland tillgängliga alternativ" in form.errors["many"][0]
    assert list(Organisation.objects.filter(pk__in=[known.pk, int(value)])) == [known]


def test_requisition_form_with_huge_ids_in_its_checkboxes_says_so(client, blekinge):
    from tests.factories import MembershipFactory

    user = MembershipFactory(region=blekinge, role="finance_officer").user
    client.force_login(user)
    response = client.post(
        f"/regioner/{blekinge.slug}/medel/rekvisitioner/ny/",
        {"directions": ["1" * 25], "on_behalf_of": ["9" * 30], "amount": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("directions", "on_behalf_of"):  # the error is next to each field
        error = html[html.index(f'id="id_{field}_error"') :][:300]
        assert "finns inte bland tillgängliga alternativ" in error
