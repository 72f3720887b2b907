"""Who may do what with attachments: asked of the record they are on, with the permission
names the record's app registered (registry.TargetKind). A file is seen by whoever sees its
record, attached by whoever the record's app lets attach, and removed by whoever looks after
the record's files or, while they may still attach, by the person who attached it."""

import rules

from . import registry


def _may(user, perm_of, record) -> bool:
    if record is None:
        return False
    kind = registry.of(record)
    return user.has_perm(perm_of(kind), record)


@rules.predicate
def sees_record(user, attachment) -> bool:
    return attachment is not None and _may(user, lambda k: k.view, attachment.target)


@rules.predicate
def may_attach_to(user, record) -> bool:
    return _may(user, lambda k: k.view, record) and _may(user, lambda k: k.attach, record)


@rules.predicate
def looks_after(user, record) -> bool:
    return _may(user, lambda k: k.view, record) and _may(user, lambda k: k.manage, record)


@rules.predicate
def attached_it(user, attachment) -> bool:
    return attachment is not None and attachment.uploaded_by_id == user.pk


@rules.predicate
def looks_after_its_record(user, attachment) -> bool:
    return attachment is not None and looks_after(user, attachment.target)


@rules.predicate
def may_attach_to_its_record(user, attachment) -> bool:
    return attachment is not None and may_attach_to(user, attachment.target)


# Object: the attachment.
rules.add_perm("attachments.view_attachment", sees_record)
rules.add_perm(
    "attachments.remove_attachment",
    looks_after_its_record | (attached_it & may_attach_to_its_record),
)
# Object: the record (an initiative, a meeting, a report).
rules.add_perm("attachments.add_attachment", may_attach_to)
rules.add_perm("attachments.see_removed", looks_after)
