from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import translation

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.models import Stage, Transition, Workflow
from pusselbit.initiatives.workflows.engine import install_workflow
from pusselbit.initiatives.workflows.validation import workflow_problems
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

STAGE_TEXT = ["name", "name_en", "key", "kind", "order", "description"]
STAGE_FLAGS = ["optional", "idea_editable", "advice", "proposal_editable", "running"]
TRANSITION_TEXT = ["name", "name_en", "kind", "outcome", "order"]


@pytest.fixture
def blekinge_admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="adam").user


@pytest.fixture
def admin_client(client, blekinge_admin):
    client.force_login(blekinge_admin)
    return client


def change_url(workflow):
    return reverse("admin:initiatives_workflow_change", args=[workflow.pk])


def stage(workflow, key):
    return Stage.objects.get(workflow=workflow, key=key)


def way(workflow, source, target):
    return Transition.objects.get(workflow=workflow, source__key=source, target__key=target)


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _row(prefix, values, text, flags=(), lists=()):
    row = {f"{prefix}{name}": values[name] for name in text}
    row.update({f"{prefix}{name}": "on" for name in flags if values.get(name)})
    row.update({f"{prefix}{name}": list(values[name]) for name in lists})
    return row


def post_data(workflow, *, change=None, delete=(), add_stages=()):
    """The change form's POST data for `workflow` as it is in the database, as a browser sends
    it. `change` maps a stage or transition to the values to send instead, `delete` lists the
    stages and transitions to tick for removal, `add_stages` gives new stages' values."""
    change = change or {}
    data = {"name": workflow.name, "_save": "Spara"}
    stages = list(workflow.stages.all())
    data.update(_management("stages", len(stages) + len(add_stages), len(stages)))
    for i, s in enumerate(stages):
        values = {name: getattr(s, name) for name in STAGE_TEXT + STAGE_FLAGS}
        values.update(change.get(s, {}))
        prefix = f"stages-{i}-"
        data |= {f"{prefix}id": s.pk, f"{prefix}workflow": workflow.pk}
        data |= _row(prefix, values, STAGE_TEXT, STAGE_FLAGS)
        if s in delete:
            data[f"{prefix}DELETE"] = "on"
    for i, values in enumerate(add_stages, start=len(stages)):
        prefix = f"stages-{i}-"
        data |= {f"{prefix}id": "", f"{prefix}workflow": workflow.pk}
        data |= _row(prefix, values, [name for name in values if name not in STAGE_FLAGS])
        data |= _row(prefix, values, [], STAGE_FLAGS)
    transitions = list(workflow.transitions.all())
    data.update(_management("transitions", len(transitions), len(transitions)))
    for i, t in enumerate(transitions):
        values = {name: getattr(t, name) for name in TRANSITION_TEXT + ["roles", "gates"]}
        values |= {"source": t.source_id, "target": t.target_id}
        values.update(change.get(t, {}))
        prefix = f"transitions-{i}-"
        data |= {f"{prefix}id": t.pk, f"{prefix}workflow": workflow.pk}
        data |= _row(prefix, values, [*TRANSITION_TEXT, "source", "target"], (), ["roles", "gates"])
        if t in delete:
            data[f"{prefix}DELETE"] = "on"
    return data


class BrowserForm(HTMLParser):
    """What a browser submits from a rendered admin change form with the Save button (the
    inlines' empty "add another" templates left out)."""

    def __init__(self):
        super().__init__()
        self.fields = defaultdict(list)
        self.disabled = set()
        self._select = self._textarea = None
        self._options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "select", "textarea") and name and "disabled" in attrs:
            self.disabled.add(name)
        elif tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name].append(attrs.get("value", "on"))
            elif kind != "submit" or name == "_save":
                self.fields[name].append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name].append("")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected]
            self.fields[self._select].extend(chosen or [self._options[0][0]])
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that starts a textarea's content.
            self.fields[self._textarea][-1] = self.fields[self._textarea][-1].removeprefix("\n")
            self._textarea = None

    def submitted(self):
        return {
            name: values
            for name, values in self.fields.items()
            if "__prefix__" not in name and name != "csrfmiddlewaretoken"
        }


def snapshot(workflow):
    """Everything the admin could change, to show that a refused save changed nothing."""
    return (
        Workflow.objects.filter(pk=workflow.pk).values("name").get(),
        list(Stage.objects.filter(workflow=workflow).order_by("pk").values()),
        list(Transition.objects.filter(workflow=workflow).order_by("pk").values()),
    )


def problems_without(workflow, removed):
    """workflow_problems of `workflow` with the transitions `removed`, as the admin shows them."""
    transitions = [t for t in workflow.transitions.all() if t not in removed]
    with translation.override("sv"):
        return workflow_problems(list(workflow.stages.all()), transitions)


def form_errors(response):
    return list(response.context["adminform"].form.non_field_errors())


def test_post_data_helper_sends_what_a_browser_sends_from_the_change_form(admin_client, workflow):
    page = BrowserForm()
    page.feed(admin_client.get(change_url(workflow)).content.decode())

    sent = {
        name: [str(v) for v in (value if isinstance(value, list) else [value])]
        for name, value in post_data(workflow).items()
        if name not in page.disabled and value != []
    }

    assert sent == page.submitted()


def test_unchanged_workflow_saves_and_writes_audit_entry(admin_client, workflow, blekinge_admin):
    before = snapshot(workflow)

    response = admin_client.post(change_url(workflow), post_data(workflow))

    assert response.status_code == 302
    assert snapshot(workflow) == before
    entry = AuditEntry.objects.get(action="workflow.changed")
    assert entry.actor == blekinge_admin and entry.target_id == str(workflow.pk)


def test_region_administrator_renames_stage(admin_client, workflow, blekinge_admin):
    advice = stage(workflow, "radgivning")
    data = post_data(
        workflow, change={advice: {"name": "Rådgivning och stöd", "name_en": "Advice and support"}}
    )

    response = admin_client.post(change_url(workflow), data)

    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.name, advice.name_en) == ("Rådgivning och stöd", "Advice and support")
    entry = AuditEntry.objects.get(action="workflow.changed")
    assert entry.actor == blekinge_admin
    changed = {"name": "stage", "object": "Rådgivning och stöd"}
    changed["fields"] = ["Name (Swedish)", "Name (English)"]
    assert entry.data["changes"] == [{"changed": changed}]


def test_region_administrator_cannot_change_stage_key_kind_or_optional(admin_client, workflow):
    advice = stage(workflow, "radgivning")
    data = post_data(workflow, change={advice: {"key": "rad", "kind": "end", "optional": True}})

    admin_client.post(change_url(workflow), data)

    advice.refresh_from_db()
    assert (advice.key, advice.kind, advice.optional) == ("radgivning", "active", False)


@pytest.mark.parametrize("with_transitions", [True, False])
def test_region_administrator_removes_optional_stage(admin_client, workflow, with_transitions):
    dialogue = stage(workflow, "malgruppsdialog")
    removed = {dialogue}
    if with_transitions:
        removed |= {*dialogue.incoming.all(), *dialogue.outgoing.all()}

    response = admin_client.post(change_url(workflow), post_data(workflow, delete=removed))

    assert response.status_code == 302
    assert not Stage.objects.filter(workflow=workflow, key="malgruppsdialog").exists()
    assert not Transition.objects.filter(workflow=workflow, target__key="malgruppsdialog")
    assert workflow.stages.count() == 13
    assert workflow_problems(list(workflow.stages.all()), list(workflow.transitions.all())) == []


def test_region_administrator_removes_one_of_two_ways_into_stage(admin_client, workflow):
    direct = way(workflow, "dialogforum", "underlag")

    response = admin_client.post(change_url(workflow), post_data(workflow, delete={direct}))

    assert response.status_code == 302
    assert not Transition.objects.filter(pk=direct.pk).exists()
    assert Transition.objects.filter(pk=way(workflow, "malgruppsdialog", "underlag").pk).exists()


def test_removing_every_way_into_stage_is_refused_and_changes_nothing(admin_client, workflow):
    removed = {
        way(workflow, "dialogforum", "underlag"),
        way(workflow, "malgruppsdialog", "underlag"),
    }
    advice = stage(workflow, "radgivning")
    data = post_data(workflow, change={advice: {"name": "Rådgivning och stöd"}}, delete=removed)
    expected = problems_without(workflow, removed)
    before = snapshot(workflow)

    response = admin_client.post(change_url(workflow), data)

    assert response.status_code == 200
    assert form_errors(response) == expected
    assert "Underlag" in expected[0]
    html = response.content.decode()
    assert expected[0] in html
    assert 'value="Rådgivning och stöd"' in html  # what was typed is kept
    assert snapshot(workflow) == before
    assert not AuditEntry.objects.filter(action="workflow.changed").exists()
    assert not LogEntry.objects.exists()


def test_region_administrator_changes_who_may_act(admin_client, workflow):
    submit = way(workflow, "radgivning", "inskickad")
    roles = ["local_coordinator", "owner", "county_coordinator"]

    response = admin_client.post(
        change_url(workflow), post_data(workflow, change={submit: {"roles": roles}})
    )

    assert response.status_code == 302
    submit.refresh_from_db()
    assert submit.roles == ["owner", "county_coordinator", "local_coordinator"]
    assert submit.gates == ["idea_complete"]


def test_transition_nobody_may_take_is_refused(admin_client, workflow):
    submit = way(workflow, "radgivning", "inskickad")
    before = snapshot(workflow)

    response = admin_client.post(
        change_url(workflow), post_data(workflow, change={submit: {"roles": []}})
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert any("roles" in errors for errors in formset.errors)
    assert snapshot(workflow) == before


def test_transition_choices_are_the_workflows_own_stages(admin_client, workflow, dalarna):
    elsewhere = install_workflow(dalarna)
    submit = way(workflow, "radgivning", "inskickad")
    foreign = stage(elsewhere, "inskickad")
    before = snapshot(workflow)

    response = admin_client.post(
        change_url(workflow), post_data(workflow, change={submit: {"target": foreign.pk}})
    )

    assert response.status_code == 200
    assert snapshot(workflow) == before
    html = admin_client.get(change_url(workflow)).content.decode()
    assert f'<option value="{foreign.pk}"' not in html
    assert f'<option value="{submit.target_id}"' in html


def test_removing_stage_with_initiatives_in_it_is_refused(admin_client, workflow, make_initiative):
    make_initiative("malgruppsdialog", title="Samtalsstöd för unga vuxna")
    dialogue = stage(workflow, "malgruppsdialog")
    removed = {dialogue, *dialogue.incoming.all(), *dialogue.outgoing.all()}
    before = snapshot(workflow)

    response = admin_client.post(change_url(workflow), post_data(workflow, delete=removed))

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert len(errors) == 1
    assert "Målgruppsdialog" in errors[0] and "Samtalsstöd för unga vuxna" in errors[0]
    assert errors[0] in response.content.decode()
    assert snapshot(workflow) == before


def test_removing_stage_in_initiatives_history_is_refused(admin_client, workflow, make_initiative):
    initiative = make_initiative("dialogforum")
    dialogue = stage(workflow, "malgruppsdialog")
    initiative.stage_changes.create(from_stage=initiative.stage, to_stage=dialogue)
    before = snapshot(workflow)

    response = admin_client.post(change_url(workflow), post_data(workflow, delete={dialogue}))

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert len(errors) == 1 and "Målgruppsdialog" in errors[0]
    assert snapshot(workflow) == before


def test_region_administrator_cannot_remove_stage_that_is_not_optional(admin_client, workflow):
    advice = stage(workflow, "radgivning")
    before = snapshot(workflow)

    response = admin_client.post(change_url(workflow), post_data(workflow, delete={advice}))

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert len(errors) == 1 and "Rådgivning" in errors[0]
    assert snapshot(workflow) == before


def test_region_administrator_adds_optional_stage_between_two(admin_client, workflow):
    after, before = stage(workflow, "samordningsgrupp"), stage(workflow, "dialogforum")
    new = {
        "name": "Kvalitetscafé",
        "name_en": "Quality café",
        "key": "kvalitetscafe",
        "kind": "active",
        "order": "0",
        "description": "",
        "proposal_editable": True,
        "comes_after": after.pk,
        "leads_to": before.pk,
    }

    response = admin_client.post(change_url(workflow), post_data(workflow, add_stages=[new]))

    assert response.status_code == 302
    cafe = stage(workflow, "kvalitetscafe")
    assert cafe.optional and cafe.proposal_editable and cafe.order == after.order + 1
    into, onward = (
        way(workflow, "samordningsgrupp", "kvalitetscafe"),
        way(workflow, "kvalitetscafe", "dialogforum"),
    )
    assert into.roles == onward.roles == way(workflow, "samordningsgrupp", "dialogforum").roles
    exits = {(t.target.key, t.kind) for t in cafe.outgoing.exclude(pk=onward.pk)}
    assert exits == {("atertagen", "withdraw"), ("avslagen", "reject")}
    assert workflow_problems(list(workflow.stages.all()), list(workflow.transitions.all())) == []


def test_new_stage_without_its_place_is_refused(admin_client, workflow):
    new = {"name": "Kvalitetscafé", "key": "kvalitetscafe", "kind": "active", "order": "5"}
    before = snapshot(workflow)

    response = admin_client.post(change_url(workflow), post_data(workflow, add_stages=[new]))

    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[-1]
    assert set(form.errors) == {"comes_after", "leads_to"}
    assert snapshot(workflow) == before


def test_region_administrator_cannot_add_or_delete_workflow(admin_client, workflow, dalarna):
    assert admin_client.get(reverse("admin:initiatives_workflow_add")).status_code == 403
    response = admin_client.post(reverse("admin:initiatives_workflow_add"), {"region": dalarna.pk})
    assert response.status_code == 403
    delete_url = reverse("admin:initiatives_workflow_delete", args=[workflow.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Workflow.objects.filter(pk=workflow.pk).exists()
    assert not Workflow.objects.filter(region=dalarna).exists()


def test_other_regions_workflow_is_hidden_from_region_administrator(
    admin_client, workflow, dalarna
):
    elsewhere = install_workflow(dalarna)
    elsewhere.name = "Dalarnas arbetsgång"
    elsewhere.save()
    before = snapshot(elsewhere)

    html = admin_client.get(reverse("admin:initiatives_workflow_changelist")).content.decode()
    response = admin_client.get(change_url(elsewhere))
    posted = admin_client.post(change_url(elsewhere), post_data(elsewhere, change={}))

    assert workflow.name in html and "Dalarnas arbetsgång" not in html
    assert response.status_code == 302 and response.url == reverse("admin:index")
    assert posted.status_code == 302 and posted.url == reverse("admin:index")
    assert snapshot(elsewhere) == before


def test_member_without_administrator_role_has_no_admin(client, workflow, alice):
    client.force_login(alice)

    response = client.get(change_url(workflow))

    assert response.status_code == 302 and "login" in response.url
    changelist = client.get(reverse("admin:initiatives_workflow_changelist"))
    assert changelist.status_code == 302 and "login" in changelist.url


def test_superuser_adds_workflow_as_copy_of_default(client, dalarna):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)

    response = client.post(reverse("admin:initiatives_workflow_add"), {"region": dalarna.pk})

    assert response.status_code == 302
    added = Workflow.objects.get(region=dalarna)
    assert added.stages.count() == 14
    assert workflow_problems(list(added.stages.all()), list(added.transitions.all())) == []
