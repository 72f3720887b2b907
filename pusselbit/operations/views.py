"""The health endpoints: JSON for load balancers and monitoring, without a session or a
sign-in, never cached."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import health


@require_safe
@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


@require_safe
@never_cache
def ready(request):
    checks = health.ready()
    ok = len(checks) == len(health.CHECKS) and all(check.ok for check in checks.values())
    body = {
        "status": "ok" if ok else "unavailable",
        "checks": {
            name: {"ok": check.ok, "ms": check.ms}
            | ({"detail": check.detail} if check.detail else {})
            | check.values
            for name, check in checks.items()
        },
    }
    return JsonResponse(body, status=200 if ok else 503)
