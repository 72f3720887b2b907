"""The ledger page with 10 agreement years and 2 000 decided initiatives, in a database of its
own (a temporary SQLite file), built from the demo plus bulk rows."""

import datetime
import os
import random
import tempfile
from decimal import Decimal


def prepare_environment() -> None:
    folder = tempfile.mkdtemp(prefix="pusselbit-bench-")
    os.environ["PUSSELBIT_VAR_DIR"] = folder
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"


def build(years: int = 10):
    """Return (client signed in as Dalarna's finance officer, the ledger's URL, a function that
    adds decided initiatives)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    from pusselbit.accounts.models import User
    from pusselbit.demo.builders import build_demo
    from pusselbit.funds.models import Agreement, Allocation, RegionFunds, Share
    from pusselbit.organisations.models import Region

    build_demo()
    region = Region.objects.get(slug="dalarna")
    template = list(RegionFunds.objects.filter(region=region).select_related("allocation"))
    for year in range(2020 - years + 1, 2020):
        agreement, _created = Agreement.objects.get_or_create(
            name=f"ÖK {year}",
            defaults={
                "full_name": f"Överenskommelse {year}",
                "year": year,
                "use_by": datetime.date(year, 12, 31),
            },
        )
        for funds in template:
            copy = RegionFunds.objects.create(
                agreement=agreement, region=region, direction=funds.direction, amount=funds.amount
            )
            allocation = Allocation.objects.create(funds=copy, key="manual", unit="ore")
            Share.objects.bulk_create(
                Share(
                    allocation=allocation, recipient=s.recipient, weight=s.weight, amount=s.amount
                )
                for s in funds.allocation.shares.all()
            )
    client = Client()
    client.force_login(User.objects.get(username="dalarna-ekonom"))
    url = reverse("funds:ledger", args=["dalarna"])

    return client, url, lambda count: _decided_initiatives(region, count)


def _decided_initiatives(region, count: int) -> None:
    """`count` initiatives in execution, each with a decision committing 1 000 kr."""
    from pusselbit.accounts.models import User
    from pusselbit.funds.models import Commitment, Share
    from pusselbit.initiatives.models import Decision, Initiative

    rng = random.Random(count)
    stage = region.workflow.stages.get(key="genomforande")
    owner = User.objects.get(username="dalarna-initiativtagare")
    organisation = owner.memberships.first().organisation
    shares = list(Share.objects.filter(allocation__funds__region=region))
    created = Initiative.objects.bulk_create(
        Initiative(
            region=region,
            workflow=region.workflow,
            stage=stage,
            owner=owner,
            organisation=organisation,
            title=f"Satsning {n}",
        )
        for n in range(count)
    )
    decisions = Decision.objects.bulk_create(
        Decision(
            initiative=initiative,
            stage=stage,
            outcome="approved",
            budget=Decimal("1000.00"),
            decided_on=datetime.date(2020, 3, 1),
            registration_number=f"RD 2020/{n}",
            recorded_by=owner,
        )
        for n, initiative in enumerate(created)
    )
    Commitment.objects.bulk_create(
        Commitment(
            share=rng.choice(shares), decision=decision, year=2020, amount=Decimal("1000.00")
        )
        for decision in decisions
    )
