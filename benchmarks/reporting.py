"""The compiled county report for 290 recipients answering 40 questions each, built in the
benchmark's own database (the one ledger.prepare_environment made)."""

import datetime
import random
from decimal import Decimal


def build_requirement(recipients: int = 290, questions: int = 40):
    from pusselbit.funds.models import Agreement
    from pusselbit.organisations.models import Organisation, Region
    from pusselbit.reporting.models import (
        Answer,
        Question,
        QuestionSet,
        Report,
        Requirement,
        Section,
    )

    region = Region.objects.get(slug="dalarna")
    agreement = Agreement.objects.get(name="ÖK 2020")
    question_set = QuestionSet.objects.create(name="Benchmark", issuer="SKR")
    sections = [
        Section.objects.create(
            question_set=question_set, title=f"Avsnitt {n}", order=n, gender_equality=n == 3
        )
        for n in range(4)
    ]
    types = ["text", "number", "amount", "yes_no"]
    created = Question.objects.bulk_create(
        Question(
            section=sections[n % 4],
            code=f"{n // 10 + 1}.{n % 10 + 1}",
            text=f"Fråga {n}",
            answer_type=types[n % 4],
            order=n,
        )
        for n in range(questions)
    )
    requirement = Requirement.objects.create(
        agreement=agreement,
        region=region,
        kind="final",
        deadline=datetime.date(2021, 3, 31),
        question_set=question_set,
    )
    organisations = list(Organisation.objects.municipalities()[:recipients])
    requirement.recipients.set(organisations)
    reports = Report.objects.bulk_create(
        Report(
            requirement=requirement,
            recipient=o,
            status="submitted",
            submitted_at=datetime.datetime(2021, 3, 1, tzinfo=datetime.UTC),
            registration_number=f"KS 2021/{n}",
        )
        for n, o in enumerate(organisations)
    )
    rng = random.Random(40)
    answers = []
    for report in reports:
        for question in created:
            value = {
                "text": {"text": "Svar " * rng.randint(3, 30)},
                "number": {"number": Decimal(rng.randint(0, 5000))},
                "amount": {"number": Decimal(rng.randint(0, 10**6)) / 100},
                "yes_no": {"yes": rng.random() < 0.5},
            }[question.answer_type]
            answers.append(Answer(report=report, question=question, **value))
    Answer.objects.bulk_create(answers, batch_size=2000)
    return requirement
