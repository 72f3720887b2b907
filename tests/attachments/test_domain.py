"""Attaching and removing through the domain functions: what is stored, where, who may."""

import hashlib
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.test import override_settings

from pusselbit.attachments.domain import remove_attachment, upload_attachment
from pusselbit.attachments.models import Attachment
from pusselbit.core.models import AuditEntry
from pusselbit.core.submissions import AlreadySubmitted
from tests.attachments import samples

pytestmark = pytest.mark.django_db


def attach(initiative, actor, name="protokoll.pdf", content=samples.PDF, **kwargs):
    kwargs.setdefault("kind", "other")
    return upload_attachment(initiative, samples.upload(name, content), actor=actor, **kwargs)


def test_an_attached_file_is_kept_in_the_attachments_storage_with_its_facts(initiative, owner):
    attachment = attach(initiative, owner, "Idébeskrivning.pdf", kind="idea_template")
    attachment.refresh_from_db()
    assert attachment.target == initiative and attachment.region == initiative.region
    assert attachment.original_name == "Idébeskrivning.pdf"
    assert attachment.size == len(samples.PDF)
    assert attachment.sha256 == hashlib.sha256(samples.PDF).hexdigest()
    assert attachment.content_type == "application/pdf"
    assert attachment.uploaded_by == owner and attachment.uploaded_at is not None
    # Kept under a random name of the region, never the name the person gave.
    assert attachment.file.name.startswith(f"{initiative.region_id}/")
    assert "Idébeskrivning" not in attachment.file.name
    with storages["attachments"].open(attachment.file.name) as kept:
        assert kept.read() == samples.PDF
    entry = AuditEntry.objects.get(action="attachment.added")
    assert entry.target == initiative and entry.actor == owner
    assert entry.data["name"] == "Idébeskrivning.pdf"


def test_the_storage_is_the_one_settings_name(initiative, owner, tmp_path):
    """Through Django's storage API: the "attachments" storage of STORAGES, whichever it is
    when the file is written (a file system folder here; object storage in production)."""
    folder = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path},
    }
    from django.conf import settings

    with override_settings(STORAGES={**settings.STORAGES, "attachments": folder}):
        attachment = attach(initiative, owner)
        assert (tmp_path / attachment.file.name).read_bytes() == samples.PDF
        assert attachment.file.open("rb").read() == samples.PDF
    # Back in the test run's memory storage, the file written to the folder is not there.
    assert not storages["attachments"].exists(attachment.file.name)


def test_a_refused_file_leaves_nothing_behind(initiative, owner):
    with pytest.raises(ValidationError) as refused:
        attach(initiative, owner, "beslut.pdf", samples.HTML)
    assert "file" in refused.value.message_dict
    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action="attachment.added").exists()


def test_a_kind_the_record_does_not_take_is_refused(initiative, owner):
    with pytest.raises(ValidationError) as refused:
        attach(initiative, owner, kind="minutes")  # minutes are a meeting's
    assert "kind" in refused.value.message_dict


def test_only_those_who_may_attach_attach(initiative, bob, charlie, alice):
    with pytest.raises(PermissionDenied):
        attach(initiative, bob)  # an initiator of the region, not the owner
    with pytest.raises(PermissionDenied):
        attach(initiative, charlie)  # a coordinator of another region
    assert attach(initiative, alice).uploaded_by == alice  # the county coordinator


def test_the_same_form_sent_twice_attaches_once(initiative, owner):
    key = uuid.uuid4()
    first = attach(initiative, owner, submission=key)
    with pytest.raises(AlreadySubmitted) as again:
        attach(initiative, owner, submission=key)
    assert again.value.target == first
    assert Attachment.objects.count() == 1


def test_removing_marks_the_file_and_keeps_it(initiative, owner, alice):
    attachment = attach(initiative, owner)
    removed = remove_attachment(attachment, actor=alice)
    assert removed.removed and removed.removed_by == alice
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert storages["attachments"].exists(attachment.file.name)
    entry = AuditEntry.objects.get(action="attachment.removed")
    assert entry.target == initiative and entry.actor == alice
    # Removing again changes nothing.
    assert remove_attachment(removed, actor=alice).removed_at == removed.removed_at
    assert AuditEntry.objects.filter(action="attachment.removed").count() == 1


def test_the_uploader_removes_their_own_and_a_colleague_nobodys(initiative, owner, alice, bob):
    by_coordinator = attach(initiative, alice)
    own = attach(initiative, owner)
    with pytest.raises(PermissionDenied):
        remove_attachment(by_coordinator, actor=owner)  # not theirs, and no manager
    with pytest.raises(PermissionDenied):
        remove_attachment(own, actor=bob)
    assert remove_attachment(own, actor=owner).removed
