import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pusselbit.funds.domain import create_agreement
from pusselbit.reporting.domain import import_question_set
from pusselbit.reporting.domain.requirements import create_requirement
from pusselbit.reporting.models import Question, QuestionSet, Requirement
from tests.factories import MembershipFactory
from tests.reporting.test_domain import CSV

pytestmark = pytest.mark.django_db
URL = "/regioner/blekinge/redovisning/fragor/"
DALARNA_SETS = "/regioner/dalarna/redovisning/fragor/"


@pytest.fixture
def coordinator(blekinge):
    return MembershipFactory(region=blekinge, role="county_coordinator").user


def test_coordinator_imports_a_question_set(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/regioner/blekinge/redovisning/fragor/",
        {
            "name": "ÖK 2020",
            "issuer": "SKR",
            "file": SimpleUploadedFile("fragor.csv", CSV.encode(), "text/csv"),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "ÖK 2020 är importerat med 6 frågor." in html
    assert "Jämställdhet" in html and Question.objects.count() == 6


def test_bad_file_is_refused_next_to_the_field_and_nothing_written(client, coordinator):
    client.force_login(coordinator)
    bad = CSV.replace("text,ja,\nInsatser,1.2", "okänd,ja,\nInsatser,1.2")
    response = client.post(
        "/regioner/blekinge/redovisning/fragor/",
        {
            "name": "ÖK 2020",
            "issuer": "SKR",
            "file": SimpleUploadedFile("fragor.csv", bad.encode(), "text/csv"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Rad 2: okänd svarstyp" in html
    assert 'value="ÖK 2020"' in html and not QuestionSet.objects.exists()


def test_others_may_not_import(client, alice, charlie):
    client.force_login(charlie)
    assert client.get("/regioner/blekinge/redovisning/fragor/").status_code == 404
    from tests.factories import MembershipFactory as Factory

    initiator = Factory(region=alice.memberships.get().region, role="initiator").user
    client.force_login(initiator)
    assert client.get("/regioner/blekinge/redovisning/fragor/").status_code == 403


# Who owns a question set: a coordinator imports the region's own, the platform operator the
# national ones.


def post_import(client, **extra):
    return client.post(
        "/regioner/blekinge/redovisning/fragor/",
        {
            "name": "Blekinges frågor",
            "issuer": "Region Blekinge",
            "file": SimpleUploadedFile("fragor.csv", CSV.encode(), "text/csv"),
            **extra,
        },
        follow=True,
    )


def test_a_coordinators_import_is_the_regions_own_and_no_other_region_sees_it(
    client, alice, charlie, blekinge, dalarna
):
    client.force_login(alice)
    html = post_import(client, national="on").content.decode()  # not hers to tick
    question_set = QuestionSet.objects.get()
    assert question_set.region == blekinge
    assert "endast Region Blekinge" in html

    client.force_login(charlie)
    assert "Blekinges frågor" not in client.get(DALARNA_SETS).content.decode()
    form = client.get("/regioner/dalarna/redovisning/krav/ny/").content.decode()
    assert f'value="{question_set.pk}"' not in form
    agreement = create_agreement(
        "ÖK 2020", "ÖK 2020", 2020, datetime.date(2020, 12, 31), actor=None
    )
    with pytest.raises(ValidationError) as refused:
        create_requirement(
            charlie,
            dalarna,
            agreement=agreement,
            kind="final",
            deadline=datetime.date(2021, 3, 31),
            question_set=question_set,
            recipients=[dalarna.organisations.get(kind="region")],
        )
    assert "question_set" in refused.value.message_dict
    assert not Requirement.objects.exists()


def test_only_the_platform_operator_imports_a_national_set(client, alice, charlie, blekinge):
    with pytest.raises(PermissionDenied):
        import_question_set("Nationell", "SKR", "f.csv", CSV.encode(), actor=alice, region=None)
    with pytest.raises(PermissionDenied):
        import_question_set(
            "Blekinges", "SKR", "f.csv", CSV.encode(), actor=charlie, region=blekinge
        )
    assert not QuestionSet.objects.exists()
    client.force_login(alice)
    assert 'name="national"' not in client.get(URL).content.decode()

    operator = MembershipFactory(region=blekinge, user__is_superuser=True).user
    client.force_login(operator)
    assert 'name="national"' in client.get(URL).content.decode()
    post_import(client, national="on")
    assert QuestionSet.objects.get().region is None

    client.force_login(charlie)
    html = client.get(DALARNA_SETS).content.decode()
    assert "Blekinges frågor" in html and "nationellt" in html
    form = client.get("/regioner/dalarna/redovisning/krav/ny/").content.decode()
    assert f'value="{QuestionSet.objects.get().pk}"' in form
