"""The compiled county report for the county coordinator: asking for it, following its progress
(the page polls a small JSON status where script runs, and offers a refresh link where it
doesn't), downloading its .xlsx, .docx and PDF, and publishing it on the region's public
pages. Another region's is a 404; anyone without the role for it gets a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.core.downloads import DOCX, PDF, XLSX, stored_attachment
from pusselbit.organisations.queries import object_in_region

from .. import queries
from ..county_report import compiled_filename
from ..domain.compilations import publish_compilation, request_compilation
from ..enums import CompilationStatus, CompilationStep
from ..models import Compilation

CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX, "pdf": PDF}
MANAGE = "reporting.manage_reporting"
PUBLISH = "reporting.publish_compilation"


def _compilation(request, region_slug, compilation_pk):
    return object_in_region(
        request, region_slug, queries.compilation_in, compilation_pk, perm=MANAGE
    )


@login_required
@require_POST
def start(request, region_slug, requirement_pk):
    region, requirement = object_in_region(
        request, region_slug, queries.requirement_in, requirement_pk, perm=MANAGE
    )
    compilation = request_compilation(requirement, actor=request.user)
    return redirect("reporting:compilation", region.slug, compilation.pk)


def _progress(compilation) -> dict:
    if compilation.status == CompilationStatus.QUEUED:
        line = _("Waiting for the worker to start the compilation.")
    elif compilation.finished:
        line = str(compilation.get_status_display())
    else:
        doing = min(compilation.step + 1, Compilation.STEPS)
        line = _("Step %(step)d of %(steps)d: %(text)s.") % {
            "step": doing,
            "steps": Compilation.STEPS,
            "text": CompilationStep(doing).label,
        }
    return {
        "status": compilation.status,
        "step": compilation.step,
        "steps": Compilation.STEPS,
        "line": line,
        "finished": compilation.finished,
    }


@login_required
def compilation(request, region_slug, compilation_pk):
    region, compilation = _compilation(request, region_slug, compilation_pk)
    context = {
        "region": region,
        "compilation": compilation,
        "requirement": compilation.requirement,
        "progress": _progress(compilation),
        "can_publish": request.user.has_perm(PUBLISH, region),
    }
    return render(request, "reporting/compilation.html", context)


@login_required
def status(request, region_slug, compilation_pk):
    _, compilation = _compilation(request, region_slug, compilation_pk)
    response = JsonResponse(_progress(compilation))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def download(request, region_slug, compilation_pk, extension):
    _, compilation = _compilation(request, region_slug, compilation_pk)
    if extension not in CONTENT_TYPES:
        raise Http404
    filename = f"{compiled_filename(compilation.requirement)}.{extension}"
    return stored_attachment(getattr(compilation, extension), CONTENT_TYPES[extension], filename)


@login_required
@require_POST
def publish(request, region_slug, compilation_pk):
    """Publish the compiled report on the public pages; sent twice (or for a compilation not
    finished) it says so on the page instead of failing."""
    region, compilation = object_in_region(
        request, region_slug, queries.compilation_in, compilation_pk, perm=PUBLISH
    )
    try:
        publish_compilation(compilation, actor=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _(
                "The compiled report is published: anyone can now download its files on the "
                "public pages of %(region)s."
            )
            % {"region": region.name},
        )
    return redirect("reporting:compilation", region.slug, compilation.pk)
