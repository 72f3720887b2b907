"""What must never appear in anything public: every user's name, username and e-mail, and every
contact person's name, e-mail and phone of an initiative or a participant. The public pages,
the open-data files and the API are each checked against it."""

from pusselbit.accounts.models import User
from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.models import Initiative, Participant


def private_texts() -> set[str]:
    """The texts, those longer than three characters (a shorter one matches by chance)."""
    texts = set()
    with scopes_disabled():
        for user in User.objects.all():
            texts |= {user.email, user.get_full_name(), user.username}
        for initiative in Initiative.objects.all():
            texts |= {initiative.contact_name, initiative.contact_email, initiative.contact_phone}
        for participant in Participant.objects.all():
            texts |= {participant.contact_name, participant.contact_email}
    return {text for text in texts if text and len(text) > 3}
