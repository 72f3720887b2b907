import rules

from pusselbit.accounts.rules import is_self


@rules.predicate
def is_recipient(user, notification) -> bool:
    return (
        notification is not None
        and user.is_authenticated
        and notification.recipient_id is not None
        and notification.recipient_id == user.pk
    )


# Object: the notification. Each person's notices are their own: nobody else reads or marks them.
rules.add_perm("notifications.read_notification", is_recipient)
# Object: the account whose notices are marked read or whose way of being told is set.
rules.add_perm("notifications.read_all_notifications", is_self)
rules.add_perm("notifications.set_delivery", is_self)
