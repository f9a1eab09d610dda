from datetime import date

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from loudi_portal import pagemeta, submit_once, tracking

from . import reply_clock, services, statistics
from .forms import ErrorReportForm, MessageForm, MessageTrackForm, TrackForm, started_token
from .models import MessageKind, PublishedReply

REPORT_LIMIT = (10, 3600)  # reports per client address per hour
TRACK_LIMIT = (30, 3600)

# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
ERROR_REPORT_COLUMN = pagemeta.Column(
    name="我为网站找错",
    description="报告本站页面上的错别字、错误信息、失效链接和无法使用的功能，并查询处理结果。",
    keywords="网站找错,纠错,失效链接",
    type="咨询投诉",
)


@pagemeta.page_meta(column=ERROR_REPORT_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """/interact/error/: the 找错 form (?url= names the page); on success the reference and code, once."""
    ctx = {}
    if request.method == "POST":
        if tracking.over_limit(request, "interact:error-report", REPORT_LIMIT):
            form = ErrorReportForm(initial={"started": started_token()})
            return tracking.too_many_requests(request, "interact/error_report.html", {"form": form})
        form = ErrorReportForm(request.POST)
        if form.is_valid():

            def save(code: str) -> dict:
                report, _code = services.receive_report(
                    page_url=form.cleaned_data["page_url"],
                    kind=form.cleaned_data["kind"],
                    description=form.cleaned_data["description"],
                    contact=form.cleaned_data["contact"],
                    code=code,
                )
                return {"reference": report.reference, "pk": report.pk}

            outcome = submit_once.save_once(scope="interact:error-report", form=form, save=save)
            sent = {"reference": outcome.result["reference"], "repeated": outcome.repeated}
            return render(request, "interact/error_report.html", {"sent": sent, "code": outcome.code})
        form.data = form.data.copy()
        form.data["started"] = started_token()
    else:
        form = ErrorReportForm(initial={"page_url": request.GET.get("url", "")[:500], "started": started_token()})
    ctx["form"] = form
    return render(request, "interact/error_report.html", ctx, status=400 if form.errors else 200)


@pagemeta.page_meta(column=ERROR_REPORT_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """/interact/error/track/: the sender looks up the outcome with the reference and query code."""
    form = TrackForm(request.POST if request.method == "POST" else None)
    ctx = {"form": form}
    status = 200
    if request.method == "POST":
        if tracking.over_limit(request, "interact:error-track", TRACK_LIMIT):
            return tracking.too_many_requests(request, "interact/error_track.html", ctx)
        if form.is_valid():
            found = services.find_report(form.cleaned_data["reference"], form.cleaned_data["code"])
            if found is None:
                ctx["not_found"] = True
                status = 404
            else:
                ctx["result"] = found
    return render(request, "interact/error_track.html", ctx, status=status)


# --- 咨询 / 建言 ------------------------------------------------------------------------

MESSAGE_LIMIT = (5, 3600)  # messages per client address per hour
MESSAGE_DAY_LIMIT = (20, 24 * 3600)

MESSAGES_COLUMN = pagemeta.Column(
    name="互动交流",
    description="向娄底市应急管理局咨询政策和办事问题、提出意见建议，查询答复，阅读公开的留言答复和留言统计。",
    keywords="互动交流,咨询,建言,留言,答复",
    type="咨询投诉",
)
STATISTICS_COLUMN = pagemeta.Column(
    name="留言统计",
    description="按月统计收到的咨询和建言、已答复数量、按期答复数量和平均答复用时（工作日）。",
    keywords="留言统计,答复率,互动交流",
    type="咨询投诉",
)


@pagemeta.page_meta(column=MESSAGES_COLUMN)
@require_safe
def index(request):
    """/interact/: the 互动交流 entry: how to write, the published replies (20 a page), this year's figures."""
    replies = PublishedReply.objects.published().order_by("-published_at", "-pk")
    page_obj = Paginator(replies, 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    _rows, total = statistics.month_rows(today.year, statistics.facts(today.year), today)
    ctx = {
        "page_obj": page_obj,
        "year_total": total,
        "year": today.year,
        "reply_days": reply_clock.REPLY_WORKING_DAYS,
    }
    return render(request, "interact/message_index.html", ctx)


@pagemeta.page_meta(column=MESSAGES_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def write(request):
    """/interact/write/: the 咨询 / 建言 form (?kind=suggest preselects 建言); on success the reference and code, once."""
    template = "interact/message_form.html"
    ctx = {"reply_days": reply_clock.REPLY_WORKING_DAYS}
    if request.method == "POST":
        if tracking.over_limit(request, "interact:message", MESSAGE_LIMIT) or tracking.over_limit(
            request, "interact:message-day", MESSAGE_DAY_LIMIT
        ):
            form = MessageForm(initial={"started": started_token()})
            return tracking.too_many_requests(request, template, {**ctx, "form": form})
        form = MessageForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data

            def save(code: str) -> dict:
                message, _code = services.receive_message(
                    kind=data["kind"],
                    subject=data["subject"],
                    body=data["body"],
                    name=data["name"].strip(),
                    contact=data["contact"],
                    wants_reply=data["wants_reply"],
                    agrees_to_publish=data["agrees_to_publish"],
                    code=code,
                )
                return {
                    "reference": message.reference,
                    "pk": message.pk,
                    "due_on": message.due_on.isoformat(),
                    "due_is_provisional": message.due_is_provisional,
                }

            outcome = submit_once.save_once(scope="interact:message", form=form, save=save)
            sent = {
                **outcome.result,
                "due_on": date.fromisoformat(outcome.result["due_on"]),
                "repeated": outcome.repeated,
            }
            return render(request, template, {**ctx, "sent": sent, "code": outcome.code})
        form.data = form.data.copy()
        form.data["started"] = started_token()
    else:
        kind = request.GET.get("kind")
        initial = {"started": started_token(), "kind": kind if kind in MessageKind.values else MessageKind.CONSULT}
        form = MessageForm(initial=initial)
    ctx["form"] = form
    return render(request, template, ctx, status=400 if form.errors else 200)


@pagemeta.page_meta(column=MESSAGES_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def message_track(request):
    """/interact/track/: the sender reads the state and the answer with the reference and query code."""
    form = MessageTrackForm(request.POST if request.method == "POST" else None)
    ctx = {"form": form}
    status = 200
    if request.method == "POST":
        if tracking.over_limit(request, "interact:message-track", TRACK_LIMIT):
            return tracking.too_many_requests(request, "interact/message_track.html", ctx)
        if form.is_valid():
            found = services.find_message(form.cleaned_data["reference"], form.cleaned_data["code"])
            if found is None:
                ctx["not_found"] = True
                status = 404
            else:
                ctx["result"] = found
                ctx["publication"] = getattr(found, "publication", None)
    return render(request, "interact/message_track.html", ctx, status=status)


def _reply_article(ctx):
    reply = ctx["reply"]
    return pagemeta.Article.of(reply, description=reply.question[:120])


@pagemeta.page_meta(column=MESSAGES_COLUMN, article=_reply_article)
@require_safe
def reply_detail(request, pk):
    """/interact/replies/<pk>/: one published question and its answer (withdrawn: 410 with the reason)."""
    reply = get_object_or_404(PublishedReply.objects.public_or_withdrawn(), pk=pk)
    status = 410 if reply.status == "withdrawn" else 200
    return render(request, "interact/reply_detail.html", {"reply": reply}, status=status)


@pagemeta.page_meta(column=STATISTICS_COLUMN)
@require_safe
def message_statistics(request):
    """/interact/statistics/?year=: received, answered, on time and average working days, by month."""
    today = timezone.localdate()
    years = statistics.years_with_messages() or [today.year]
    try:
        year = int(request.GET.get("year", years[0]))
    except ValueError:
        year = years[0]
    if year not in years:
        year = years[0]
    rows, total = statistics.month_rows(year, statistics.facts(year), today)
    ctx = {"year": year, "years": years, "rows": rows, "total": total, "reply_days": reply_clock.REPLY_WORKING_DAYS}
    return render(request, "interact/message_statistics.html", ctx)
