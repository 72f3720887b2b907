import pytest
from django.urls import reverse

from pusselbit.accounts.models import Membership, User
from pusselbit.core.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blekinge_admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="adam").user


def test_admin_is_closed_to_members_without_administrator_role(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response.url


def test_the_menu_leads_to_the_admin_whoever_may_use_it(client, blekinge_admin, alice):
    """A region's administrator finds the admin in the menu (not only staff users, as before);
    a member with another role does not, and the admin would refuse them."""
    link = f'href="{reverse("admin:index")}"'
    client.force_login(blekinge_admin)
    assert link in client.get("/").content.decode()
    client.force_login(alice)
    assert link not in client.get("/").content.decode()


@pytest.mark.parametrize("sent", ["x", "9" * 40, "1e309"])
def test_a_sent_key_that_is_no_key_is_a_field_error(client, blekinge, blekinge_admin, sent):
    """Django's autocomplete select looked the sent key up as it came and failed with a server
    error (the fuzzed forms found it once the menu led administrators to the admin)."""
    client.force_login(blekinge_admin)
    before = Membership.objects.count()
    data = {"user": sent, "region": blekinge.pk, "organisation": sent, "role": "analyst"}
    response = client.post(reverse("admin:accounts_membership_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "user" in errors and "organisation" in errors
    assert Membership.objects.count() == before


def test_region_administrator_sees_only_own_region(client, blekinge_admin, charlie, alice):
    client.force_login(blekinge_admin)
    html = client.get(reverse("admin:accounts_membership_changelist")).content.decode()
    assert str(alice) in html
    assert str(charlie) not in html
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert ">alice<" in html and ">charlie<" not in html
    other = charlie.memberships.get()
    response = client.get(reverse("admin:accounts_membership_change", args=[other.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert client.get(reverse("admin:accounts_user_change", args=[charlie.pk])).status_code == 302


def test_region_administrator_grants_role_through_domain_function(client, blekinge, blekinge_admin):
    client.force_login(blekinge_admin)
    newcomer = UserFactory(username="eva", created_in=blekinge)
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": newcomer.pk,
            "region": blekinge.pk,
            "organisation": karlskrona.pk,
            "role": "analyst",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, role="analyst", region=blekinge).exists()
    entry = AuditEntry.objects.get(action="membership.granted")
    assert entry.actor == blekinge_admin


def test_region_administrator_cannot_grant_role_in_other_region(client, blekinge_admin, dalarna):
    client.force_login(blekinge_admin)
    falun = OrganisationFactory(region=dalarna, name="Falun")
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": blekinge_admin.pk,
            "region": dalarna.pk,
            "organisation": falun.pk,
            "role": "analyst",
        },
    )
    assert response.status_code == 200  # the form again, with errors
    assert "region" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(region=dalarna, user=blekinge_admin).exists()


def test_region_administrator_cannot_rename_municipality(client, blekinge, blekinge_admin):
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    client.force_login(blekinge_admin)
    url = reverse("admin:organisations_organisation_change", args=[karlskrona.pk])
    html = client.get(url).content.decode()
    assert 'name="name"' not in html  # shown read-only
    assert (
        client.get(
            reverse("admin:organisations_organisation_delete", args=[karlskrona.pk])
        ).status_code
        == 403
    )


def test_superuser_sees_every_region(client, charlie, alice):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    html = client.get(reverse("admin:accounts_membership_changelist")).content.decode()
    assert str(alice) in html and str(charlie) in html


# Issue 10: a region administrator must not take over another region's accounts, nor anyone's
# password. Adam administers Blekinge (alice, bob), Dan administers Dalarna (charlie).


@pytest.fixture
def dalarna_admin(dalarna):
    return MembershipFactory(region=dalarna, role="administrator", user__username="dan").user


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def password_data(password="new-secret-password-9"):
    return {"usable_password": "true", "password1": password, "password2": password}


def test_membership_admin_refuses_user_of_another_region(client, dalarna, dalarna_admin, alice):
    client.force_login(dalarna_admin)
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": alice.pk,
            "region": dalarna.pk,
            "organisation": dalarna.organisations.get(kind="region").pk,
            "role": "administrator",
        },
    )
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not alice.memberships.filter(region=dalarna).exists()


def test_account_of_another_region_cannot_be_opened_or_given_password(client, dalarna_admin, alice):
    client.force_login(dalarna_admin)
    for name in ["accounts_user_change", "accounts_user_history", "auth_user_password_change"]:
        url = reverse(f"admin:{name}", args=[alice.pk])
        response = client.post(url, password_data()) if "password" in name else client.get(url)
        assert response.status_code == 302 and response.url == reverse("admin:index"), name
    alice.refresh_from_db()
    assert alice.check_password("secret-password-1")
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert ">alice<" not in html and ">charlie<" not in html  # dan sees only his own region


def test_membership_form_offers_only_own_region(client, blekinge, dalarna, blekinge_admin, charlie):
    client.force_login(blekinge_admin)
    form = client.get(reverse("admin:accounts_membership_add")).context["adminform"].form
    assert list(form.fields["region"].queryset) == [blekinge]
    assert charlie not in form.fields["user"].queryset
    assert not form.fields["organisation"].queryset.filter(region=dalarna).exists()
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "membership", "field_name": "user", "term": ""},
    )
    names = {row["text"] for row in response.json()["results"]}
    assert str(blekinge_admin) in names and str(charlie) not in names


def test_region_administrator_cannot_see_account_of_no_region(client, blekinge_admin):
    stray = UserFactory(username="stray")
    client.force_login(blekinge_admin)
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert ">stray<" not in html
    response = client.get(reverse("admin:accounts_user_change", args=[stray.pk]))
    assert response.status_code == 302 and response.url == reverse("admin:index")


def test_region_administrator_cannot_change_password_of_own_region(client, blekinge_admin, alice):
    client.force_login(blekinge_admin)
    url = reverse("admin:auth_user_password_change", args=[alice.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, password_data()).status_code == 403
    alice.refresh_from_db()
    assert alice.check_password("secret-password-1")
    change = client.get(reverse("admin:accounts_user_change", args=[alice.pk]))
    assert 'href="../password/"' not in change.content.decode()


def test_platform_operator_changes_password_with_audit_entry(client, root, alice):
    client.force_login(root)
    url = reverse("admin:auth_user_password_change", args=[alice.pk])
    response = client.post(url, password_data("entirely-new-pass-7"))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("entirely-new-pass-7")
    entry = AuditEntry.objects.get(action="user.password_changed")
    assert entry.actor == root and entry.target == alice
    assert "entirely-new-pass-7" not in str(entry.data)


def test_platform_operator_turns_password_sign_in_off_and_is_told_so(client, root, alice):
    client.force_login(root)
    url = reverse("admin:auth_user_password_change", args=[alice.pk])
    response = client.post(url, {"usable_password": "false", "unset-password": "1"}, follow=True)
    alice.refresh_from_db()
    assert not alice.has_usable_password()
    page = response.content.decode()
    assert "Inloggning med lösenord är avstängd för det här kontot." in page
    assert "Lösenordet är ändrat" not in page
    entry = AuditEntry.objects.get(action="user.password_changed")
    assert entry.data == {"usable": False}


def test_own_password_change_in_admin_writes_audit_entry(client, blekinge_admin):
    client.force_login(blekinge_admin)
    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": "secret-password-1",
            "new_password1": "my-own-new-pass-5",
            "new_password2": "my-own-new-pass-5",
        },
    )
    assert response.status_code == 302
    blekinge_admin.refresh_from_db()
    assert blekinge_admin.check_password("my-own-new-pass-5")
    entry = AuditEntry.objects.get(action="user.password_changed")
    assert entry.actor == blekinge_admin and entry.target == blekinge_admin


def test_region_administrator_creates_account_for_own_region(
    client, blekinge, blekinge_admin, dalarna_admin
):
    client.force_login(blekinge_admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "eva",
            "first_name": "Eva",
            "last_name": "Ek",
            "email": "eva@example.org",
            "created_in": blekinge.pk,
            "password1": "chosen-by-admin-1",
            "password2": "chosen-by-admin-1",
        },
    )
    assert response.status_code == 302
    eva = User.objects.get(username="eva")
    assert eva.created_in == blekinge and not eva.has_usable_password()
    entry = AuditEntry.objects.get(action="user.created")
    assert entry.actor == blekinge_admin and entry.target == eva
    # Blekinge's administrator gives her a role; Dalarna's sees nothing of her.
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": eva.pk,
            "region": blekinge.pk,
            "organisation": blekinge.organisations.get(kind="region").pk,
            "role": "analyst",
        },
    )
    assert response.status_code == 302 and eva.memberships.filter(role="analyst").exists()
    client.force_login(dalarna_admin)
    response = client.get(reverse("admin:accounts_user_change", args=[eva.pk]))
    assert response.status_code == 302 and response.url == reverse("admin:index")


def user_change_data(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_region_administrator_changes_account_of_own_region(client, blekinge_admin, alice):
    client.force_login(blekinge_admin)
    url = reverse("admin:accounts_user_change", args=[alice.pk])
    response = client.post(url, user_change_data(alice, email="alice@blekinge.example"))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email == "alice@blekinge.example"
    entry = AuditEntry.objects.get(action="user.changed")
    assert entry.actor == blekinge_admin
    assert entry.data["changed"]["email"] == ["alice@example.org", "alice@blekinge.example"]


def test_account_with_roles_in_two_regions_keeps_its_details(client, dalarna, blekinge_admin, bob):
    MembershipFactory(user=bob, region=dalarna, role="analyst")
    client.force_login(blekinge_admin)
    url = reverse("admin:accounts_user_change", args=[bob.pk])
    response = client.post(
        url, user_change_data(bob, username="bobby", email="x@evil.example", is_active="")
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.username, bob.email, bob.is_active) == ("bob", "bob@example.org", True)
    html = client.get(url).content.decode()
    assert 'name="email"' not in html  # shown, not editable
    # Blekinge's own role on him is Blekinge's administrator's to take back.
    blekinge_role = bob.memberships.exclude(region=dalarna).get()
    dalarna_role = bob.memberships.get(region=dalarna)
    response = client.get(url)
    rows = response.context["inline_admin_formsets"][0].formset.queryset
    assert list(rows) == [blekinge_role]
    client.post(
        reverse("admin:accounts_membership_delete", args=[blekinge_role.pk]), {"post": "yes"}
    )
    assert list(bob.memberships.all()) == [dalarna_role]
    assert AuditEntry.objects.filter(action="membership.revoked", actor=blekinge_admin).exists()


def test_region_administrator_cannot_make_anyone_platform_operator(client, blekinge_admin, alice):
    client.force_login(blekinge_admin)
    url = reverse("admin:accounts_user_change", args=[alice.pk])
    client.post(url, user_change_data(alice, is_superuser="on", is_staff="on"))
    alice.refresh_from_db()
    assert not alice.is_superuser and not alice.is_staff
    # Not only the form: the domain function refuses it too.
    from django.core.exceptions import PermissionDenied

    from pusselbit.accounts.domain import update_user

    with pytest.raises(PermissionDenied):
        update_user(alice, actor=blekinge_admin, is_superuser=True)
    alice.refresh_from_db()
    assert not alice.is_superuser


def test_admin_login_page_answers_signed_out(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_region_administrator_signs_in_on_admin_login_page(client, blekinge_admin, alice):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "adam", "password": "secret-password-1", "next": "/admin/"},
    )
    assert response.status_code == 302 and response.url == "/admin/"
    client.logout()
    response = client.post("/admin/login/", {"username": "alice", "password": "secret-password-1"})
    assert response.status_code == 200  # not an administrator: the form again, with the error
    assert "_auth_user_id" not in client.session


def test_platform_operator_creates_account_of_no_region(client, root, blekinge_admin):
    client.force_login(root)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"username": "operator2", **password_data("chosen-by-operator-3")},
    )
    assert response.status_code == 302
    account = User.objects.get(username="operator2")
    assert account.check_password("chosen-by-operator-3") and account.created_in is None
    client.force_login(blekinge_admin)
    response = client.get(reverse("admin:accounts_user_change", args=[account.pk]))
    assert response.status_code == 302 and response.url == reverse("admin:index")


def test_accounts_are_deactivated_not_deleted(client, root, alice):
    """The audit log names who did what; a deleted account would leave it nameless."""
    client.force_login(root)
    url = reverse("admin:accounts_user_delete", args=[alice.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=alice.pk).exists()


def test_membership_change_in_admin_writes_audit_entry(client, blekinge, blekinge_admin, alice):
    membership = alice.memberships.get()
    client.force_login(blekinge_admin)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = client.post(
        url,
        {"region": blekinge.pk, "organisation": membership.organisation_id, "role": "analyst"},
    )
    assert response.status_code == 302
    assert alice.memberships.get().role == "analyst"
    entry = AuditEntry.objects.get(action="membership.changed")
    assert entry.actor == blekinge_admin
    assert (entry.data["before"]["role"], entry.data["after"]["role"]) == (
        "county_coordinator",
        "analyst",
    )
