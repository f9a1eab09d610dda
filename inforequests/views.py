"""Public pages of information requests: the guide and form, and tracking.

Nothing here ever renders an applicant's personal data: the confirmation page
shows the reference and query code only, tracking shows status and deadline only.
"""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from loudi_portal import pagemeta, submit_once, tracking

from .clock import ANSWER_DAYS, CONSULTATION_DAYS, MAX_EXTENSION_DAYS
from .forms import RequestForm, TrackForm
from .services import submit_request, track

# Per client address and hour: requests saved, form posts of any kind, tracking look-ups.
APPLY_LIMIT = (5, 3600)
ATTEMPT_LIMIT = (30, 3600)
TRACK_LIMIT = (30, 3600)
# The form's fields add up to well under this; anything bigger is not a person typing.
MAX_BODY_BYTES = 32 * 1024


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
APPLY_COLUMN = pagemeta.Column(
    name="依申请公开",
    description="在线提交政府信息公开申请，查询申请的办理进度和答复。",
    keywords="依申请公开,政府信息公开申请",
    type="依法申请公开",
)


def over_limit(request, scope: str, limit: tuple[int, int]) -> bool:
    """Count one attempt of this client in `scope` (tracking's atomic limiter); True once over."""
    return tracking.over_limit(request, f"inforequests-{scope}", limit)


def _limited(request, template, ctx):
    return tracking.too_many_requests(request, template, ctx, retry_after=3600)


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


def _guide_ctx():
    return {"answer_days": ANSWER_DAYS, "extension_days": MAX_EXTENSION_DAYS, "consultation_days": CONSULTATION_DAYS}


@pagemeta.page_meta(column=APPLY_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    """The disclosure guide and the request form; a valid POST saves and shows the receipt.

    The receipt (reference and query code) is this POST's own response, sent
    with `Cache-Control: no-store` (never_cache): the code is never put in the
    session, a message or a URL, so it exists only on the applicant's screen.
    Reloading asks the browser to post again, which the limits above bound.
    """
    if request.method == "POST" and _too_large(request):
        return HttpResponse(_("提交的内容过大。"), status=413, content_type="text/plain; charset=utf-8")
    form = RequestForm(request.POST if request.method == "POST" else None)
    ctx = {"form": form, **_guide_ctx()}
    if request.method == "POST":
        if over_limit(request, "apply-attempt", ATTEMPT_LIMIT):
            return _limited(request, "inforequests/request_apply.html", ctx)
        if form.is_valid():
            if over_limit(request, "apply", APPLY_LIMIT):
                return _limited(request, "inforequests/request_apply.html", ctx)
            data = form.request_data()

            def save(code: str) -> dict:
                info_request, _code = submit_request(data=data, code=code)
                return {"reference": info_request.reference, "pk": info_request.pk}

            outcome = submit_once.save_once(
                scope="inforequests:apply", form=form, save=save, alphabet=tracking.LETTERS_AND_DIGITS
            )
            sent = {"reference": outcome.result["reference"], "code": outcome.code, "repeated": outcome.repeated}
            return render(request, "inforequests/request_sent.html", {"sent": sent, **_guide_ctx()})
    return render(request, "inforequests/request_apply.html", ctx, status=400 if form.errors else 200)


@pagemeta.page_meta(column=APPLY_COLUMN)
@never_cache
@require_safe
def apply_sent(request):
    """The old receipt address: the receipt is now the form's own response, so go back to the form."""
    return redirect("inforequests:apply")


@pagemeta.page_meta(column=APPLY_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply_track(request):
    """Reference + query code -> status and deadline, nothing else (POST keeps the code out of logs)."""
    form = TrackForm(request.POST if request.method == "POST" else None)
    ctx = {"form": form, "result": None, "not_found": False}
    if request.method == "POST":
        if over_limit(request, "track", TRACK_LIMIT):
            return _limited(request, "inforequests/request_track.html", ctx)
        if form.is_valid():
            found = track(reference=form.cleaned_data["reference"], code=form.cleaned_data["code"])
            if found is None:
                ctx["not_found"] = True
                form.add_error(None, _("申请编号或查询码不正确。"))
            else:
                ctx["result"] = {
                    "reference": found.reference,
                    "status": found.get_status_display(),
                    "due_on": found.due_on,
                    "provisional": found.due_is_provisional,
                    "closed_on": found.closed_on,
                }
    return render(request, "inforequests/request_track.html", ctx)
