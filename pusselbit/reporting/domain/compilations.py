"""The compiled county report as a job: asked for on the page, run by a task, its progress and
files written as each step is done, so the page can show how far it has come. The files go to
the storage that keeps the attachments (models.compiled_file_name), their names and sizes to
the row."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pusselbit.attachments.storage import attachment_storage
from pusselbit.core import audit
from pusselbit.core.formatting import format_long_date
from pusselbit.core.locks import working_on
from pusselbit.core.permissions import require
from pusselbit.documents import pdf
from pusselbit.documents.word import render_docx

from ..county_report import compile_reports, compiled_document, compiled_summary, compiled_xlsx
from ..enums import CompilationStatus, CompilationStep
from ..models import Compilation

logger = logging.getLogger(__name__)

# A compilation still "running" after this long lost its worker (a restart, a crash); asking
# again starts a new one instead of waiting on it for ever.
STALE_AFTER = timedelta(minutes=15)
KEEP = 5


def request_compilation(requirement, *, actor) -> Compilation:
    """A new compilation of the requirement's reports, queued for a worker — or the one already
    waiting or running, so a second click does not compile twice."""
    # Imported when used: the task module imports this one for the task's body.
    from ..tasks import compile_report_task

    with transaction.atomic():
        running = (
            Compilation.objects.select_for_update()
            .filter(
                requirement=requirement,
                status__in=[CompilationStatus.QUEUED, CompilationStatus.RUNNING],
                requested_at__gte=timezone.now() - STALE_AFTER,
            )
            .first()
        )
        if running is not None:
            return running
        compilation = Compilation.objects.create(requirement=requirement, requested_by=actor)
        audit.record("reporting.compile", requirement, actor=actor, compilation=compilation.pk)
    # Outside the lock: without a worker the task runs here and now, for seconds.
    compile_report_task.enqueue(compilation.pk)
    return compilation


def _advance(compilation, step: CompilationStep, files: dict | None = None, **fields) -> None:
    """Record a finished step: its `files` (name → bytes, or None for one not made) written to
    the storage, then an UPDATE of the step, those files' names and sizes and `fields` only,
    so the files of the steps before are neither read nor written again. A file the row names
    already is not written a second time."""
    for name, content in (files or {}).items():
        stored = getattr(compilation, name)
        if content is None or stored:
            continue
        stored.save(f"sammanstallning.{name}", ContentFile(content), save=False)
        fields[name], fields[f"{name}_size"] = stored.name, len(content)
    Compilation.objects.filter(pk=compilation.pk).update(step=step, **fields)


@translation.override("sv")  # the compiled report is a Swedish document, whoever starts it
def run_compilation(pk: int) -> str:
    """Build the three files, saving each as it is done. A failure is kept on the row for the
    page to show; the PDF alone may be missing where WeasyPrint cannot run.

    Run twice (a task retried, or handed to two workers), the work is done once: one worker at
    a time holds the compilation (core.locks), and takes it if it is queued, or if it is left
    "running" by a worker that died mid-way (the task queue runs the task again): then the
    files that worker wrote are kept and the rest made. Where the database cannot tell whether
    that worker lives (SQLite, one machine) a running compilation is left to it."""
    with working_on("reporting.compilation", pk) as alone:
        if alone is False:
            return CompilationStatus.RUNNING  # another worker, alive, is on it
        compilation = Compilation.objects.select_related(
            "requirement__agreement", "requirement__region", "requirement__question_set"
        ).get(pk=pk)
        takes = [CompilationStatus.QUEUED] + ([CompilationStatus.RUNNING] if alone else [])
        if compilation.status not in takes:
            return compilation.status  # run already, by another worker or an earlier attempt
        if compilation.status == CompilationStatus.RUNNING:
            logger.warning("Compilation %s was left running by a worker that stopped", pk)
        # Taken only as it was read: of two workers given the same task, one writes the files.
        taken = Compilation.objects.filter(pk=pk, status=compilation.status).update(
            status=CompilationStatus.RUNNING, started_at=timezone.now()
        )
        if not taken:
            return Compilation.objects.values_list("status", flat=True).get(pk=pk)
        return _compile(compilation)


def _compile(compilation) -> str:
    pk, requirement = compilation.pk, compilation.requirement
    try:
        compiled = compile_reports(requirement)
        _advance(
            compilation,
            CompilationStep.GATHERED,
            submitted=len(compiled.reports),
            recipients=len(compiled.recipients),
        )
        _advance(compilation, CompilationStep.XLSX, {"xlsx": compiled_xlsx(requirement, compiled)})
        document = compiled_document(requirement, compiled)
        _advance(compilation, CompilationStep.DOCX, {"docx": render_docx(document)})
        # The PDF summarises the answers per question; every answer is in the other two files.
        summary = compiled_summary(requirement, compiled)
        try:
            content, error = pdf.render_pdf(summary, "documents/assignment.html"), ""
        except pdf.PdfUnavailable:
            content, error = None, "pdf_unavailable"
        _advance(compilation, CompilationStep.PDF, {"pdf": content}, error=error)
    except Exception as exception:
        logger.exception("Compilation %s failed", pk)
        Compilation.objects.filter(pk=pk).update(
            status=CompilationStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exception).__name__}: {exception}"[:1000],
        )
        return CompilationStatus.FAILED
    Compilation.objects.filter(pk=pk).update(
        status=CompilationStatus.DONE, finished_at=timezone.now()
    )
    _prune(requirement)
    return CompilationStatus.DONE


@transaction.atomic
def publish_compilation(compilation, *, actor) -> Compilation:
    """Publish a finished compilation on the region's public pages (insyn), where anyone
    downloads its files as they are. Side effects: `published_at` and `published_by` on the
    row, an audit entry. Once published it stays published and is never pruned: a public
    record is not taken back (a newer compilation is published beside it). Refused (a
    ValidationError saying why) unless the compilation is done, and when it is published
    already."""
    require(actor, "reporting.publish_compilation", compilation.requirement.region)
    locked = Compilation.objects.select_for_update().get(pk=compilation.pk)
    if locked.published:
        raise ValidationError(
            _("The compiled report was published already, on %(date)s.")
            % {"date": format_long_date(timezone.localdate(locked.published_at))},
            code="published",
        )
    if locked.status != CompilationStatus.DONE:
        raise ValidationError(
            _("Only a finished compiled report can be published."), code="not_done"
        )
    locked.published_at, locked.published_by = timezone.now(), actor
    locked.save(update_fields=["published_at", "published_by"])
    audit.record(
        "reporting.compilation_published",
        locked.requirement,
        actor=actor,
        compilation=locked.pk,
        compiled_at=locked.finished_at,
    )
    return locked


def _prune(requirement) -> None:
    """Keep the newest KEEP compilations of a requirement, and every published one: the files
    are large, and each can be made again from the reports (the audit log keeps who compiled
    when), but a published one is a public record."""
    newest = list(
        Compilation.objects.filter(requirement=requirement)
        .order_by("-requested_at", "-pk")
        .values_list("pk", flat=True)[:KEEP]
    )
    delete_compilations(
        Compilation.objects.filter(
            requirement=requirement,
            status__in=[CompilationStatus.DONE, CompilationStatus.FAILED],
            published_at__isnull=True,
        ).exclude(pk__in=newest)
    )


def delete_compilations(compilations) -> None:
    """Delete the `compilations` (a queryset) and, once the deletion is committed, their
    files in the storage: a rollback leaves rows and files as they were. (A compilation still
    running when its row goes may write one more file, which is then left in the storage.)"""
    with transaction.atomic():
        names = [
            stored
            for row in compilations.values_list(*Compilation.FILES)
            for stored in row
            if stored
        ]
        compilations.delete()
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            attachment_storage().delete(name)
        except FileNotFoundError:
            pass  # gone already (a storage that says so rather than ignoring it)
        except Exception:
            # The rows are gone whatever happens here: a file left behind is only space, and
            # the compilation that pruned it succeeded. Logged for the operator to clear up.
            logger.exception("A pruned compilation's file %s could not be deleted", name)
