import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from openpyxl import Workbook

from pusselbit.core.models import AuditEntry
from pusselbit.funds.domain import create_agreement
from pusselbit.reporting.domain import (
    QuestionSetFileError,
    ReportLocked,
    correct_report,
    import_question_set,
    save_answers,
    save_report,
    send_reminders,
    start_report,
    submit_report,
)
from pusselbit.reporting.models import Answer, Question, QuestionSet, Report, Requirement
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# Reminders go out through the outbox after the commit: the tests that read the mail commit.
commits = pytest.mark.django_db(transaction=True)


CSV = """section,code,question,help_text,answer_type,required,choices
Insatser,1.1,Vilka insatser har genomförts?,Beskriv kort,text,ja,
Insatser,1.2,Hur många personer nåddes?,,number,ja,
Medel,2.1,Hur mycket har använts?,,amount,nej,
Medel,2.2,Har medlen räckt?,,yes_no,ja,
Jämställdhet,3.1,Hur har jämställdhetsperspektivet beaktats?,,text,ja,
Jämställdhet,3.2,Bidrag till jämställd hälsa,,choice,nej,Stort|Visst|Inget
"""


def test_import_question_set_from_csv_with_gender_equality_section():
    question_set = import_question_set(
        "ÖK 2020 slutredovisning", "SKR", "fragor.csv", CSV.encode(), actor=None
    )
    assert Question.objects.filter(section__question_set=question_set).count() == 6
    sections = list(question_set.sections.values_list("title", "gender_equality"))
    assert sections == [("Insatser", False), ("Medel", False), ("Jämställdhet", True)]
    choice = Question.objects.get(code="3.2")
    assert choice.choices == ["Stort", "Visst", "Inget"] and not choice.required


def test_import_question_set_from_windows_1252_with_semicolons():
    # As Excel set to Swedish saves "CSV": Windows-1252 (å ä ö as one byte each), semicolons.
    content = CSV.replace(",", ";").encode("cp1252")
    question_set = import_question_set("ÖK 2020", "SKR", "fragor.csv", content, actor=None)
    assert Question.objects.get(section__question_set=question_set, code="1.1").text == (
        "Vilka insatser har genomförts?"
    )
    assert question_set.sections.filter(title="Jämställdhet", gender_equality=True).exists()


def test_import_question_set_from_xlsx():
    workbook = Workbook()
    for row in CSV.strip().splitlines():
        workbook.active.append(row.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    question_set = import_question_set("X", "FHM", "fragor.xlsx", buffer.getvalue(), actor=None)
    assert question_set.sections.count() == 3


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("Medel,2.3,Fråga,,datum,ja,", "Rad 4: okänd svarstyp"),
        ("Medel,1.1,Fråga,,text,ja,", "Rad 4: koden 1.1 förekommer igen"),
        ("Medel,2.3,Fråga,,choice,ja,Bara en", "Rad 4: en flervalsfråga behöver minst två"),
        ("Medel,2.3,Fråga,,text,kanske,", "Rad 4: obligatorisk måste vara ja eller nej"),
    ],
)
def test_import_with_bad_row_changes_nothing(bad_line, message):
    lines = CSV.strip().splitlines()
    content = "\n".join([*lines[:3], bad_line, *lines[3:]]).encode()
    with pytest.raises(QuestionSetFileError) as error:
        import_question_set("X", "SKR", "fragor.csv", content, actor=None)
    assert str(error.value).startswith(message[:12]) or message in str(error.value)
    assert not QuestionSet.objects.exists() and not Question.objects.exists()


@pytest.fixture
def requirement(blekinge):
    agreement = create_agreement(
        "ÖK 2020", "Överenskommelse 2020", 2020, datetime.date(2020, 12, 31), actor=None
    )
    question_set = import_question_set("ÖK 2020", "SKR", "f.csv", CSV.encode(), actor=None)
    requirement = Requirement.objects.create(
        agreement=agreement,
        region=blekinge,
        kind="final",
        deadline=datetime.date(2021, 3, 31),
        question_set=question_set,
        remind_days_before=[30, 7],
    )
    return requirement


@pytest.fixture
def karlskrona(blekinge, requirement):
    municipality = OrganisationFactory(region=blekinge, name="Karlskrona")
    requirement.recipients.add(municipality)
    return municipality


@pytest.fixture
def contact(blekinge, karlskrona):
    return MembershipFactory(
        region=blekinge, organisation=karlskrona, role="local_coordinator", user__username="lokal"
    ).user


ANSWERS = {"1.1": "Samtalsstöd", "1.2": "120", "2.2": "ja", "3.1": "Könsuppdelad statistik"}


def test_submitted_report_is_locked_and_registered(requirement, karlskrona, contact):
    report = start_report(requirement, karlskrona, actor=contact)
    save_answers(report, {"1.1": "Utkast"}, actor=contact)
    with pytest.raises(ValidationError) as missing:
        submit_report(report, actor=contact)
    assert {"1.2", "2.2", "3.1"} <= set(missing.value.message_dict)
    save_answers(report, ANSWERS, actor=contact)
    report = submit_report(report, actor=contact, registration_number="RB 2021/44")
    assert report.registration_number == "RB 2021/44" and report.submitted_at
    with pytest.raises(ReportLocked):
        save_answers(report, {"1.1": "Ändrat i efterhand"}, actor=contact)
    assert Answer.objects.get(report=report, question__code="1.1").text == "Samtalsstöd"


def test_save_report_starts_saves_and_submits_in_one_call(requirement, karlskrona, contact):
    report = save_report(requirement, karlskrona, ANSWERS, actor=contact, submit=True)

    assert report.status == "submitted" and report.registration_number
    assert Answer.objects.get(report=report, question__code="1.2").number == Decimal("120")
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-3:] == [
        "reporting.report_started",
        "reporting.answers_saved",
        "reporting.report_submitted",
    ]


def test_save_report_without_submit_keeps_a_draft(requirement, karlskrona, contact):
    report = save_report(requirement, karlskrona, {"1.1": "Utkast"}, actor=contact)

    assert report.status == "draft" and report.edit_version == 2
    assert Answer.objects.get(report=report, question__code="1.1").text == "Utkast"


def test_save_report_refused_submission_saves_no_answer(requirement, karlskrona, contact):
    draft = save_report(requirement, karlskrona, {"1.1": "Utkast"}, actor=contact)

    with pytest.raises(ValidationError) as missing:
        save_report(
            requirement,
            karlskrona,
            {"1.1": "Ändrat", "2.1": "5000"},
            actor=contact,
            expected_version=draft.edit_version,
            submit=True,
        )

    assert {"1.2", "2.2", "3.1"} <= set(missing.value.message_dict)
    draft.refresh_from_db()
    assert (draft.status, draft.edit_version) == ("draft", 2)
    assert dict(Answer.objects.values_list("question__code", "text")) == {"1.1": "Utkast"}
    assert not AuditEntry.objects.filter(action="reporting.report_submitted").exists()
    assert AuditEntry.objects.filter(action="reporting.answers_saved").count() == 1


def test_save_report_refused_on_first_sending_leaves_no_report(requirement, karlskrona, contact):
    with pytest.raises(ValidationError):
        save_report(requirement, karlskrona, {"1.1": "Svar"}, actor=contact, submit=True)

    assert not Report.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="reporting.report").exists()
    assert not AuditEntry.objects.filter(action="reporting.answers_saved").exists()


def test_correction_is_a_new_version_keeping_the_old(requirement, karlskrona, contact):
    report = start_report(requirement, karlskrona, actor=contact)
    save_answers(report, ANSWERS, actor=contact)
    submitted = submit_report(report, actor=contact)
    correction = correct_report(submitted, actor=contact)
    assert correction.version == 2 and correction.replaces == submitted
    save_answers(correction, {"1.2": "130"}, actor=contact)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert Answer.objects.get(report=submitted, question__code="1.2").number == Decimal("120")
    assert Answer.objects.get(report=correction, question__code="1.2").number == Decimal("130")
    assert Report.objects.filter(recipient=karlskrona).count() == 2


def test_bad_number_is_refused_naming_the_question(requirement, karlskrona, contact):
    report = start_report(requirement, karlskrona, actor=contact)
    with pytest.raises(ValidationError) as error:
        save_answers(report, {"1.2": "många"}, actor=contact)
    assert "1.2" in error.value.message_dict
    assert not Answer.objects.exists()


@commits
def test_send_reminders_twice_sends_each_once(requirement, karlskrona, contact):
    assert send_reminders(datetime.date(2021, 2, 1)) == 0  # 58 days before: nothing yet
    assert send_reminders(datetime.date(2021, 3, 1)) == 1  # within 30 days
    assert send_reminders(datetime.date(2021, 3, 2)) == 0  # the same reminder, not again
    assert send_reminders(datetime.date(2021, 3, 25)) == 1  # within 7 days: a new one
    call_command("send_reminders", "--date", "2021-04-02")  # late
    call_command("send_reminders", "--date", "2021-04-03")
    assert len(mail.outbox) == 3
    assert mail.outbox[0].to == ["lokal@example.org"]
    assert "31 mars 2021" in mail.outbox[-1].body


@commits
def test_a_moved_deadline_counts_down_afresh(requirement, karlskrona, contact):
    assert send_reminders(datetime.date(2021, 3, 25)) == 1  # 6 days before 31 March
    requirement.deadline = datetime.date(2021, 4, 30)
    requirement.save()
    assert send_reminders(datetime.date(2021, 3, 26)) == 0  # 35 days before: nothing due
    assert send_reminders(datetime.date(2021, 4, 24)) == 1  # 6 days before the new date
    assert send_reminders(datetime.date(2021, 4, 25)) == 0
    assert "30 april 2021" in mail.outbox[-1].body


@commits
def test_no_reminder_once_submitted(requirement, karlskrona, contact):
    report = start_report(requirement, karlskrona, actor=contact)
    save_answers(report, ANSWERS, actor=contact)
    submit_report(report, actor=contact)
    assert send_reminders(datetime.date(2021, 4, 2)) == 0
    assert mail.outbox == []


@commits
def test_reminders_run_as_a_task_once(requirement, karlskrona, contact):
    from pusselbit.reporting.tasks import send_reminders_task

    first = send_reminders_task.enqueue("2021-03-01")
    second = send_reminders_task.enqueue("2021-03-01")
    assert (first.return_value, second.return_value) == (1, 0)
    assert len(mail.outbox) == 1


def test_a_set_without_gender_equality_gets_that_section():
    lines = [line for line in CSV.strip().splitlines() if not line.startswith("Jämställdhet")]
    question_set = import_question_set("X", "SKR", "f.csv", "\n".join(lines).encode(), actor=None)
    section = question_set.sections.get(gender_equality=True)
    assert section.title == "Jämställdhet"
    assert [q.code for q in section.questions.all()] == ["J.1", "J.2"]
    assert "jämställd hälsa" in section.questions.get(code="J.2").text
