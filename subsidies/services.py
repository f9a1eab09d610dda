"""The closure subsidy ledger's workflows: loading the facts, recording and reversing payments, correcting a scheme.

The arithmetic lives in `subsidies.ledger`; every change of the ledger goes
through `record_payment`, `reverse_payment` or `correct_scheme` here.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, DecimalField, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal.numbers import format_yuan

from .ledger import CENT, MAX_AMOUNT, Ledger, cents, compute_ledger, over_quota_closures
from .models import (
    COUNTY_ORDER,
    MONEY,
    ZERO,
    County,
    FundStatus,
    LedgerError,
    MineClosure,
    MineType,
    PaymentItem,
    SubsidyPayment,
    SubsidyQuota,
    SubsidyScheme,
)
from .permissions import can_correct_scheme, can_justify_overpayment, can_record_payment

# --- Loading the facts ------------------------------------------------------


def current_scheme(year: int) -> SubsidyScheme | None:
    return SubsidyScheme.objects.current().filter(year=year).first()


def scheme_years() -> list[int]:
    """Years that have a scheme, newest first (one query)."""
    return list(SubsidyScheme.objects.current().order_by("-year").values_list("year", flat=True).distinct())


def ledger_for_year(year: int, *, county: str | None = None, scheme=None, today: date | None = None) -> Ledger | None:
    """Load one year's ledger (4 queries; 3 when the scheme is given), or None without a scheme."""
    scheme = scheme or current_scheme(year)
    if scheme is None:
        return None
    quotas = dict(SubsidyQuota.objects.filter(scheme=scheme).values_list("county", "quota"))
    closures = MineClosure.objects.published().filter(scheme=scheme)
    payments = SubsidyPayment.objects.filter(year=scheme.year)
    if county:
        quotas = {k: v for k, v in quotas.items() if k == county}
        closures = closures.filter(county=county)
        payments = payments.filter(county=county)
    paid_by_closure, paid_by_county_item = {}, {}
    sums = payments.order_by().values("closure_id", "county", "item").annotate(total=Sum("amount"))
    for entry in sums:
        total = cents(entry["total"])
        if entry["item"] == PaymentItem.SUBSIDY:
            paid_by_closure[entry["closure_id"]] = total
        else:
            paid_by_county_item[(entry["county"], entry["item"])] = total
    return compute_ledger(
        scheme=scheme,
        quotas=quotas,
        closures=list(closures.only("id", "county", "mine_type", "closed_on", "decision_no", "mine_name")),
        paid_by_closure=paid_by_closure,
        paid_by_county_item=paid_by_county_item,
        today=today or timezone.localdate(),
    )


def closures_with_money(queryset=None):
    """Annotate closures with entitlement, paid, outstanding and status, in SQL.

    The same rules as `compute_ledger` (tests hold the two together), so the
    mine table can be filtered by status, paginated and exported in the database.
    """
    money = DecimalField(**MONEY)
    queryset = MineClosure.objects.published().select_related("scheme") if queryset is None else queryset
    paid = (
        SubsidyPayment.objects.filter(closure=OuterRef("pk"))
        .order_by()
        .values("closure")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return queryset.annotate(
        # The city's own county order (娄星区 first), not the alphabetical order of the codes.
        county_rank=Case(
            *[When(county=value, then=Value(rank)) for value, rank in COUNTY_ORDER.items()],
            default=Value(99),
            output_field=IntegerField(),
        ),
        entitlement=Case(
            When(mine_type=MineType.OUTBURST, then=F("scheme__outburst_subsidy")),
            default=F("scheme__non_outburst_subsidy"),
            output_field=money,
        ),
        paid=Coalesce(Subquery(paid, output_field=money), Value(ZERO), output_field=money),
    ).annotate(
        outstanding=F("entitlement") - F("paid"),
        # Compared in cents so SQLite's floating sums cannot flip a status.
        fund_status=Case(
            When(Q(paid__gte=F("entitlement") - Value(Decimal("0.005"))), then=Value(FundStatus.PAID.value)),
            When(Q(paid__lte=Value(Decimal("0.005"))), then=Value(FundStatus.UNPAID.value)),
            default=Value(FundStatus.PARTIAL.value),
            output_field=CharField(),
        ),
    )


def county_entitlement(*, year: int, county: str, item: str) -> Decimal:
    """What a county government is owed for `item` under the year's current scheme."""
    scheme = current_scheme(year)
    if scheme is None:
        return ZERO
    quota = SubsidyQuota.objects.filter(scheme=scheme, county=county).values_list("quota", flat=True).first()
    closures = (
        MineClosure.objects.published().filter(scheme=scheme, county=county).only("id", "closed_on", "decision_no")
    )
    over = len(over_quota_closures(closures, quota))
    per_mine = scheme.over_quota_reward if item == PaymentItem.REWARD else scheme.over_quota_working_funds
    return per_mine * over


def paid_to(*, item: str, closure=None, county: str | None = None, year: int | None = None) -> Decimal:
    """Net amount paid so far to one payee for one item, reversals included."""
    if item == PaymentItem.SUBSIDY:
        rows = SubsidyPayment.objects.filter(closure=closure)
    else:
        rows = SubsidyPayment.objects.filter(item=item, county=county, year=year)
    return cents(rows.aggregate(total=Sum("amount"))["total"] or ZERO)


def entitlement_of(*, item: str, closure=None, county: str | None = None, year: int | None = None) -> Decimal:
    if item == PaymentItem.SUBSIDY:
        return closure.scheme.subsidy_for(closure.mine_type)
    return county_entitlement(year=year, county=county, item=item)


# --- Writing the ledger -----------------------------------------------------


def _clean_amount(amount) -> Decimal:
    try:
        amount = Decimal(str(amount))
    except ArithmeticError as exc:
        raise LedgerError(_("金额格式不正确。"), code="bad_amount") from exc
    if not amount.is_finite() or amount <= 0:
        raise LedgerError(_("拨付金额必须大于零。"), code="bad_amount")
    if amount != amount.quantize(CENT):
        raise LedgerError(_("金额最多保留两位小数（分）。"), code="bad_amount")
    if amount > MAX_AMOUNT:
        raise LedgerError(_("金额过大。"), code="bad_amount")
    return amount


def _lock_year(year: int) -> None:
    """Serialise writes to one year's ledger, so two tranches cannot both pass the cap."""
    list(SubsidyScheme.objects.select_for_update().filter(year=year).values_list("pk", flat=True))


def _save_entry(payment: SubsidyPayment) -> SubsidyPayment:
    if SubsidyPayment.objects.filter(voucher_no=payment.voucher_no).exists():
        raise LedgerError(
            _("凭证号“%(no)s”已登记过，同一凭证不能重复入账。") % {"no": payment.voucher_no}, code="duplicate_voucher"
        )
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError as exc:
        raise LedgerError(_("该记录与台账中已有记录冲突，未入账。"), code="conflict") from exc
    return payment


@transaction.atomic
def record_payment(
    *,
    item: str,
    amount,
    paid_on: date,
    funding_level: str,
    voucher_no: str,
    by,
    closure: MineClosure | None = None,
    county: str | None = None,
    year: int | None = None,
    note: str = "",
    justification: str = "",
) -> SubsidyPayment:
    """Append one tranche to the ledger (a handful of queries).

    `by` is the staff member recording it, or None for a trusted batch (demo
    data, imports), which may never go beyond an entitlement. A tranche that
    takes the payee's total for the item above its entitlement is refused
    unless `by` is a reviewer and gives a justification.
    """
    if by is not None and not can_record_payment(by):
        raise PermissionDenied
    item = PaymentItem(item)
    amount = _clean_amount(amount)
    voucher_no = (voucher_no or "").strip()
    if not voucher_no:
        raise LedgerError(_("请填写凭证号。"), code="voucher_required")
    if item == PaymentItem.SUBSIDY:
        if closure is None:
            raise LedgerError(_("矿井奖补资金须指明关闭煤矿。"), code="closure_required")
        county, year = closure.county, closure.scheme.year
    else:
        if closure is not None:
            raise LedgerError(_("超任务奖励和工作经费拨付给县级政府，不指明煤矿。"), code="closure_not_allowed")
        if county not in County.values or not year:
            raise LedgerError(_("请选择县市区和方案年度。"), code="county_required")
        if current_scheme(year) is None:
            raise LedgerError(_("%(year)s 年度没有奖补方案。") % {"year": year}, code="no_scheme")
    _lock_year(year)
    entitled = entitlement_of(item=item, closure=closure, county=county, year=year)
    already = paid_to(item=item, closure=closure, county=county, year=year)
    justification = (justification or "").strip()
    justified_by = None
    if already + amount > entitled:
        if not justification or not can_justify_overpayment(by):
            raise LedgerError(
                _(
                    "本笔拨付后累计 %(total)s 元，超过应拨金额 %(entitled)s 元（已拨 %(already)s 元）。"
                    "确需超额拨付的，须由审核员填写超额拨付说明。"
                )
                % {
                    "total": format_yuan(already + amount),
                    "entitled": format_yuan(entitled),
                    "already": format_yuan(already),
                },
                code="over_entitlement",
            )
        justified_by = by
    else:
        justification = ""
    payment = SubsidyPayment(
        item=item,
        closure=closure,
        county=county,
        year=year,
        amount=amount,
        paid_on=paid_on,
        funding_level=funding_level,
        voucher_no=voucher_no,
        note=(note or "").strip(),
        justification=justification,
        justified_by=justified_by,
        recorded_by=by,
    )
    payment.full_clean(exclude=["closure", "reverses", "justified_by", "recorded_by"], validate_unique=False)
    return _save_entry(payment)


@transaction.atomic
def reverse_payment(
    *,
    payment: SubsidyPayment,
    reason: str,
    by,
    voucher_no: str = "",
    paid_on: date | None = None,
) -> SubsidyPayment:
    """Cancel a tranche with a negative entry that points at it; the original stays."""
    if by is not None and not can_record_payment(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise LedgerError(_("冲正须说明原因。"), code="reason_required")
    _lock_year(payment.year)
    payment = SubsidyPayment.objects.get(pk=payment.pk)
    if payment.is_reversal:
        raise LedgerError(_("冲正记录本身不能再冲正；如有错误，请重新登记正确的拨付。"), code="reverse_reversal")
    if SubsidyPayment.objects.filter(reverses=payment).exists():
        raise LedgerError(_("该笔拨付已经冲正过。"), code="already_reversed")
    entry = SubsidyPayment(
        item=payment.item,
        closure_id=payment.closure_id,
        county=payment.county,
        year=payment.year,
        amount=-payment.amount,
        paid_on=paid_on or timezone.localdate(),
        funding_level=payment.funding_level,
        voucher_no=(voucher_no or "").strip() or f"{payment.voucher_no}-冲正",
        note=_("冲正凭证 %(no)s") % {"no": payment.voucher_no},
        reverses=payment,
        reversal_reason=reason[:500],
        recorded_by=by,
    )
    return _save_entry(entry)


@transaction.atomic
def correct_scheme(*, scheme: SubsidyScheme, reason: str, by, quotas: dict | None = None, **changes) -> SubsidyScheme:
    """Publish a corrected version of a scheme; the old one stays as it was.

    `changes` may set title, basis_number, basis_url and the four standards;
    `quotas` ({county: n}) replaces the copied quota of those counties. The
    year's closures move to the new version, so entitlements follow it.
    """
    if by is not None and not can_correct_scheme(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise LedgerError(_("更正方案须说明原因。"), code="reason_required")
    allowed = {"title", "basis_number", "basis_url"} | set(SubsidyScheme.STANDARD_FIELDS) - {"year"}
    unknown = set(changes) - allowed
    if unknown:
        raise LedgerError(_("不能更正的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    old = SubsidyScheme.objects.select_for_update().get(pk=scheme.pk)
    if not old.is_current:
        raise LedgerError(_("只能更正现行版本。"), code="scheme_superseded")
    new = SubsidyScheme(
        year=old.year,
        version=old.version + 1,
        title=changes.get("title", old.title),
        basis_number=changes.get("basis_number", old.basis_number),
        basis_url=changes.get("basis_url", old.basis_url),
        outburst_subsidy=changes.get("outburst_subsidy", old.outburst_subsidy),
        non_outburst_subsidy=changes.get("non_outburst_subsidy", old.non_outburst_subsidy),
        over_quota_reward=changes.get("over_quota_reward", old.over_quota_reward),
        over_quota_working_funds=changes.get("over_quota_working_funds", old.over_quota_working_funds),
        replaces=old,
        correction_reason=reason,
    )
    new.full_clean(exclude=["replaces"])
    new.save()
    wanted = {q.county: q.quota for q in old.quotas.all()}
    wanted.update(quotas or {})
    for county, number in sorted(wanted.items()):
        if county not in County.values or number is None or int(number) < 0:
            raise LedgerError(_("关闭任务数不正确。"), code="bad_quota")
        quota = SubsidyQuota(scheme=new, county=county, quota=int(number))
        quota._new_version_copy = True
        quota.save()
    for closure in MineClosure.objects.filter(scheme=old):
        closure.scheme = new
        closure.save(update_fields=["scheme"])
    return new
