"""Disclosure notices and the catalogue (政府信息公开目录) they are filed in.

Other parts of the disclosure app (information requests, budgets, the yearly
report) keep their models in their own modules, imported at the end of this file.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loudi_portal.doc_number import doc_number_error
from loudi_portal.files import original_name, random_name
from loudi_portal.history import tracked
from loudi_portal.publishing import Publishable, PublishableQuerySet, Status, publication_permissions
from loudi_portal.sanitize import html_to_text, sanitize_html


class Category(models.Model):
    """A node of the disclosure catalogue; staff edit the tree in the back office."""

    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(
        _("网址标识"),
        max_length=60,
        unique=True,
        help_text=_("栏目网址的一部分，只用小写字母、数字和连字符，例如 policy-documents。发布后请勿修改。"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级栏目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("留空表示一级栏目。"),
    )
    description = models.TextField(_("栏目说明"), blank=True, help_text=_("显示在栏目页顶部，说明本栏目公开哪些信息。"))
    position = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面。"))
    is_normative = models.BooleanField(
        _("规范性文件栏目"),
        default=False,
        help_text=_("勾选后，本栏目的信息需要填写有效性（有效/失效/废止）。"),
    )

    class UpdateRule(models.TextChoices):
        NONE = "", _("无定期更新要求")
        DYNAMIC = "dynamic", _("动态、要闻类：2 周内须有更新")
        NOTICES = "notices", _("通知公告、政策文件类：6 个月内须有更新")

    update_rule = models.CharField(
        _("更新要求"),
        max_length=20,
        choices=UpdateRule,
        default=UpdateRule.NONE,
        blank=True,
        help_text=_("政府网站检查指标的栏目更新期限；网站自查按此检查本栏目（含下级栏目）是否超期未更新。"),
    )

    is_accident_report = models.BooleanField(
        _("事故调查报告栏目"),
        default=False,
        help_text=_(
            "勾选后，本栏目的信息须填写批复日期，发布后长期公开、不得撤回（只能更正），"
            "批复后 1 年内须发布整改评估（《安全生产法》第八十六条）。"
        ),
    )

    history = tracked()

    class Meta:
        verbose_name = _("公开目录栏目")
        verbose_name_plural = _("公开目录栏目")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("disclosure:notice-category", args=[self.slug])

    def clean(self):
        node, seen = self.parent, set()
        while node is not None and node.pk not in seen:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError({"parent": _("上级栏目不能是本栏目或它的下级栏目。")})
            seen.add(node.pk)
            node = node.parent


class CategoryTree:
    """The whole catalogue loaded in one query, with the lookups pages need."""

    def __init__(self, categories):
        self.categories = list(categories)
        self.by_id = {c.pk: c for c in self.categories}
        self.by_slug = {c.slug: c for c in self.categories}
        self.children = {}
        for c in self.categories:
            self.children.setdefault(c.parent_id, []).append(c)

    @classmethod
    def load(cls) -> "CategoryTree":
        return cls(Category.objects.all())

    def roots(self):
        return self.children.get(None, [])

    def descendant_ids(self, category) -> list[int]:
        ids, stack = [], [category]
        while stack:
            node = stack.pop()
            if node.pk in ids:
                continue  # a cycle must not hang a page
            ids.append(node.pk)
            stack.extend(self.children.get(node.pk, []))
        return ids

    def ancestors(self, category) -> list:
        chain, node = [], self.by_id.get(category.parent_id)
        while node is not None and node not in chain:
            chain.insert(0, node)
            node = self.by_id.get(node.parent_id)
        return chain

    def indented(self) -> list[tuple["Category", int]]:
        """Every category in tree order (a parent, then its children), with its depth (0: top level)."""
        ordered, seen = [], set()

        def walk(parent_id, depth):
            for c in self.children.get(parent_id, []):
                if c.pk in seen or depth > 10:  # a cycle typed in by hand must not hang the page
                    continue
                seen.add(c.pk)
                ordered.append((c, depth))
                walk(c.pk, depth + 1)

        walk(None, 0)
        return ordered

    def choices(self) -> list[tuple[int, str]]:
        """(pk, label) for a select: a child's label indented under its parent ("　└ 规范性文件")."""
        return [(c.pk, "　" * (depth - 1) + "└ " + c.name if depth else c.name) for c, depth in self.indented()]

    def nested(self):
        """[(category, [(child, [...]), ...]), ...] for the catalogue sidebar."""

        def build(parent_id, depth):
            if depth > 10:  # a cycle typed in by hand must not hang the page
                return []
            return [(c, build(c.pk, depth + 1)) for c in self.children.get(parent_id, [])]

        return build(None, 0)


class NoticeQuerySet(PublishableQuerySet):
    def in_categories(self, category_ids):
        return self.filter(category_id__in=category_ids)

    def in_year(self, year: int):
        tz = timezone.get_current_timezone()
        start = timezone.datetime(year, 1, 1, tzinfo=tz)
        end = timezone.datetime(year + 1, 1, 1, tzinfo=tz)
        return self.filter(published_at__gte=start, published_at__lt=end)

    def for_list(self):
        """With each notice's incoming relations (one more query), so 有效性 can follow a repeal."""
        # Only what `effective_validity()` reads of a repealing notice: reading whole notices
        # (text, search text, review fields) tripled the time of a list page's rows.
        sources = NoticeRelation.objects.select_related("source").only(
            *("kind", "target", "source"),
            *(f"source__{name}" for name in ("status", "published_at", "written_on", "title", "doc_number")),
        )
        return (
            self.select_related("category", "view_counter")
            .prefetch_related(models.Prefetch("relations_in", queryset=sources))
            .order_by("-published_at", "-id")
        )


class Notice(Publishable):
    """A piece of government information the bureau publishes proactively (主动公开)."""

    Status = Status

    class Validity(models.TextChoices):
        NOT_APPLICABLE = "", _("不适用")
        VALID = "valid", _("有效")
        EXPIRED = "expired", _("失效")
        REPEALED = "repealed", _("废止")

    title = models.CharField(_("标题"), max_length=300)
    category = models.ForeignKey(Category, verbose_name=_("所属栏目"), on_delete=models.PROTECT, related_name="notices")
    doc_number = models.CharField(
        _("文号"), max_length=100, blank=True, help_text=_("如“娄应急发〔2020〕3号”；没有文号的留空。")
    )
    source = models.CharField(
        _("信息来源"),
        max_length=100,
        default="娄底市应急管理局",
        help_text=_("发布机构，例如“娄底市应急管理局办公室”。"),
    )
    author = models.CharField(_("作者"), max_length=100, blank=True)
    editor_name = models.CharField(_("编辑"), max_length=100, blank=True, help_text=_("页面上显示的责任编辑姓名。"))
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True, help_text=_("多个主题词用空格分隔。"))
    body = models.TextField(
        _("正文"),
        blank=True,
        help_text=_("可使用标题、列表、表格和链接；保存时会自动清除脚本、样式和事件属性。"),
    )
    validity = models.CharField(
        _("有效性"),
        max_length=10,
        choices=Validity,
        blank=True,
        default=Validity.NOT_APPLICABLE,
        help_text=_("规范性文件必填：有效、失效或废止。"),
    )
    validity_changed_on = models.DateField(
        _("有效性变更日期"), null=True, blank=True, help_text=_("失效或废止的日期；有效的文件可填生效日期。")
    )
    approved_on = models.DateField(
        _("批复日期"),
        null=True,
        blank=True,
        help_text=_("事故调查报告：人民政府批复的日期；整改评估须在其后 1 年内公布。"),
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("相关信息"), symmetrical=False, blank=True, related_name="+"
    )

    index_year = models.PositiveSmallIntegerField(_("索引号年份"), null=True, blank=True, editable=False)
    index_serial = models.PositiveIntegerField(_("索引号序号"), null=True, blank=True, editable=False)
    index_number = models.CharField(_("索引号"), max_length=60, blank=True, default="", editable=False)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Words of title, 文号, 主题词, body and attachment names, segmented by jieba and
    # joined by spaces; each database indexes it its own way (see search.py).
    search_text = models.TextField(_("检索文本"), blank=True, default="", editable=False)

    objects = NoticeQuerySet.as_manager()
    history = tracked(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        ordering = ["-published_at", "-id"]
        permissions = publication_permissions("公开信息", "notice")
        indexes = [
            # The public catalogue: published notices, newest first.
            models.Index(fields=["status", "-published_at", "-id"], name="disclosure_notice_list"),
            # A category page and previous/next within a category.
            models.Index(fields=["category", "status", "-published_at", "-id"], name="disclosure_notice_cat_list"),
        ]
        constraints = [
            # 索引号 serials are unique within a year.
            models.UniqueConstraint(fields=["index_year", "index_serial"], name="disclosure_notice_index_serial"),
            # 索引号 lookups and uniqueness, for notices that have one (drafts have none).
            models.UniqueConstraint(
                fields=["index_number"], condition=~Q(index_number=""), name="disclosure_notice_index_number"
            ),
            # A published or withdrawn notice always has its publication time.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "pending"]) | Q(published_at__isnull=False),
                name="disclosure_notice_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        from .search import notice_search_text

        self.search_text = notice_search_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "body", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("disclosure:notice-detail", args=[self.pk])

    # The catalogue column is part of the 索引号's meaning and of public URLs' context.
    correction_excluded_fields = ("category",)

    def document_links(self) -> dict:
        """Typed relations shown on this page: {"outgoing": [(label, notice)], "incoming": [...]}.

        Only public documents are linked. Reads `relations_out`/`relations_in` (prefetch them
        with their other end: see views._detail_queryset; two queries otherwise).
        """
        outgoing = [(NoticeRelation.OUTGOING[r.kind], r.target) for r in self.relations_out.all() if r.target.is_public]
        incoming = [(NoticeRelation.INCOMING[r.kind], r.source) for r in self.relations_in.all() if r.source.is_public]
        return {"outgoing": outgoing, "incoming": incoming}

    def effective_validity(self) -> dict | None:
        """有效性 as the page shows it: a published 废止 (or 替代) by another document wins over the stored value.

        {"label", "on", "by"} where `by` is the repealing document, or None when there is nothing to show.
        """
        for kind, code, label in (
            (NoticeRelation.Kind.REPEALS, self.Validity.REPEALED, _("已废止")),
            (NoticeRelation.Kind.REPLACES, self.Validity.EXPIRED, _("已失效")),
        ):
            acts = [r.source for r in self.relations_in.all() if r.kind == kind and r.source.is_public]
            if acts:
                first = min(acts, key=lambda n: n.published_at)
                on = first.written_on or timezone.localdate(first.published_at)
                return {"code": code, "label": label, "on": on, "by": first}
        if not self.validity:
            return None
        return {"code": self.validity, "label": self.get_validity_display(), "on": self.validity_changed_on, "by": None}

    @property
    def is_assessment(self) -> bool:
        """A 整改评估: it assesses an accident report (and needs no 批复 of its own)."""
        return bool(self.pk) and self.relations_out.filter(kind=NoticeRelation.Kind.ASSESSES).exists()

    @property
    def can_be_withdrawn(self) -> bool:
        """An accident report stays public for good (应急管理部): a correction only."""
        return not self.category.is_accident_report

    def clean(self):
        super().clean()
        self.doc_number = (self.doc_number or "").strip()
        if self.doc_number and (message := doc_number_error(self.doc_number)):
            raise ValidationError({"doc_number": message})

    def publication_errors(self) -> dict:
        errors = {}
        if self.category.is_normative and not self.validity:
            errors["validity"] = _("规范性文件必须填写有效性（有效/失效/废止）。")
        if self.validity in (self.Validity.EXPIRED, self.Validity.REPEALED) and not self.validity_changed_on:
            errors["validity_changed_on"] = _("失效或废止的文件必须填写有效性变更日期。")
        if self.category.is_accident_report and not self.approved_on and not self.is_assessment:
            errors["approved_on"] = _("事故调查报告须填写批复日期。")
        if self.category.is_accident_report and not self.body.strip():
            errors["body"] = _("事故调查报告须全文公布，正文不能为空。")
        if not self.body.strip() and not (self.pk and self.attachments.exists()):
            errors["body"] = _("正文和附件不能都为空。")
        return errors

    def before_publish(self, *, by, at) -> None:
        """Give the notice its 索引号 (credit code / year of publication / serial) on first publication."""
        if self.index_number:
            return
        from loudi_portal.models import BureauProfile

        # The bureau's profile row is the lock that serialises 索引号 serials between publishers.
        profile = BureauProfile.objects.select_for_update().filter(pk=1).first()
        credit_code = profile.credit_code if profile else ""
        if not credit_code:
            raise ValidationError(_("请先在“机关信息”中填写统一社会信用代码，索引号由它生成。"))
        year = timezone.localtime(at).year
        self.index_year = year
        self.index_serial = next_index_serial(year)
        self.index_number = format_index_number(credit_code, year, self.index_serial)

    def after_publish(self, *, by) -> None:
        NoticeViewCount.objects.get_or_create(notice=self)

    @property
    def body_text(self) -> str:
        return html_to_text(self.body)

    @property
    def view_count(self) -> int:
        counter = getattr(self, "view_counter", None)
        return counter.count if counter else 0


def next_index_serial(year: int) -> int:
    current = Notice.objects.filter(index_year=year).aggregate(m=models.Max("index_serial"))["m"]
    return (current or 0) + 1


def format_index_number(credit_code: str, year: int, serial: int) -> str:
    return f"{credit_code}/{year}-{serial:05d}"


class NoticeAttachment(models.Model):
    """A file published with a notice; its type is checked by content on upload (forms.py)."""

    notice = models.ForeignKey(Notice, verbose_name=_("所属信息"), on_delete=models.PROTECT, related_name="attachments")
    name = models.CharField(_("附件名称"), max_length=200, blank=True, help_text=_("留空时使用上传文件的文件名。"))
    file = models.FileField(_("文件"), upload_to=random_name("notices"), max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True, editable=False)
    kind = models.CharField(_("类型"), max_length=10, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("大小（字节）"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    history = tracked()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["position", "id"]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:  # a new upload: keep the name it came with
            self.original_name = original_name(self.file.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("disclosure:notice-attachment", args=[self.notice_id, self.pk])

    @property
    def display_name(self) -> str:
        return self.name or self.original_name or self.file.name.rsplit("/", 1)[-1]

    @property
    def download_name(self) -> str:
        """The file name a downloader gets: the title given (with the file's extension), else the original name."""
        stored = self.file.name.rsplit("/", 1)[-1]
        ext = stored.rsplit(".", 1)[-1].lower() if "." in stored else ""
        if self.name:
            named = self.name if not ext or self.name.lower().endswith("." + ext) else f"{self.name}.{ext}"
            return original_name(named)
        return self.original_name or stored


class NoticeViewCount(models.Model):
    """浏览量, kept apart from the notice so counting a view never locks or versions the notice.

    Each view is one `UPDATE ... SET count = count + 1` in its own short
    transaction: concurrent views on any number of app servers add up exactly,
    and readers of the notice row are never blocked.
    """

    notice = models.OneToOneField(
        Notice, verbose_name=_("公开信息"), primary_key=True, on_delete=models.CASCADE, related_name="view_counter"
    )
    count = models.PositiveBigIntegerField(_("浏览量"), default=0)

    class Meta:
        verbose_name = _("浏览量")
        verbose_name_plural = _("浏览量")

    def __str__(self):
        return f"{self.notice_id}: {self.count}"


# --- “三公” budgets and final accounts (因公出国(境)费, 公务接待费, 公务用车购置及运行费).


class BudgetCategory(models.TextChoices):
    OUTBOUND = "outbound", _("因公出国（境）费")
    RECEPTION = "reception", _("公务接待费")
    VEHICLE_PURCHASE = "vehicle_purchase", _("公务用车购置费")
    VEHICLE_OPERATION = "vehicle_operation", _("公务用车运行维护费")


# What the count of each category counts.
COUNT_LABELS = {
    BudgetCategory.OUTBOUND: _("出国（境）团组数"),
    BudgetCategory.RECEPTION: _("接待批次"),
    BudgetCategory.VEHICLE_PURCHASE: _("购置车辆数"),
    BudgetCategory.VEHICLE_OPERATION: _("公务用车保有量"),
}


PEOPLE_LABELS = {
    BudgetCategory.OUTBOUND: _("出国（境）人次"),
    BudgetCategory.RECEPTION: _("接待人次"),
}


class SanGongQuerySet(PublishableQuerySet):
    pass


class SanGongStatement(Publishable):
    """One year's “三公” budget, or its final accounts."""

    class Stage(models.TextChoices):
        BUDGET = "budget", _("预算")
        FINAL = "final", _("决算")

    Status = Status

    year = models.PositiveSmallIntegerField(_("年度"))
    stage = models.CharField(_("类别"), max_length=10, choices=Stage, help_text=_("预算或决算。"))
    note = models.TextField(
        _("总体说明"), blank=True, max_length=2000, help_text=_("对本年度“三公”经费情况的总体说明。")
    )

    history = tracked()
    objects = SanGongQuerySet.as_manager()

    class Meta:
        verbose_name = _("“三公”经费预决算")
        verbose_name_plural = _("“三公”经费预决算")
        ordering = ["-year", "stage"]
        permissions = publication_permissions("“三公”经费预决算", "sangongstatement")
        constraints = [
            # One budget and one final-accounts statement per year.
            models.UniqueConstraint(fields=["year", "stage"], name="disclosure_sangong_year_stage"),
        ]
        indexes = [
            # The public page: published statements by year.
            models.Index(fields=["status", "-year"], name="disclosure_sangong_list"),
        ]

    # The year and stage identify the statement; its amounts are corrected line by line.
    correction_excluded_fields = ("year", "stage")
    correction_children = {"lines": ("amount", "count", "people", "explanation")}

    def __str__(self):
        return f"{self.year} 年“三公”经费{self.get_stage_display()}"

    def publication_errors(self) -> dict:
        """Every category filled in, and every change against last year explained."""
        from .services.budgets import missing_explanations, previous_statement

        present = {line.category for line in self.lines.all()}
        absent = [str(BudgetCategory(c).label) for c in BudgetCategory.values if c not in present]
        if absent:
            return {"__all__": _("以下项目尚未填写：%(items)s。") % {"items": "、".join(absent)}}
        missing = missing_explanations(self, previous_statement(self))
        if missing:
            return {
                "__all__": _("以下项目与上年相比有变化，须填写增减变化原因：%(items)s。")
                % {"items": "、".join(missing)}
            }
        return {}

    def get_absolute_url(self):
        return reverse("disclosure:budget-list") + f"#year-{self.year}"


class SanGongLine(models.Model):
    statement = models.ForeignKey(
        SanGongStatement, verbose_name=_("预决算"), on_delete=models.PROTECT, related_name="lines"
    )
    category = models.CharField(_("项目"), max_length=20, choices=BudgetCategory)
    amount = models.DecimalField(
        _("金额（元）"), max_digits=12, decimal_places=2, help_text=_("以元为单位，保留两位小数。")
    )
    count = models.PositiveIntegerField(
        _("数量"), null=True, blank=True, help_text=_("出国团组数、接待批次、购置车辆数或公务用车保有量。")
    )
    people = models.PositiveIntegerField(_("人次"), null=True, blank=True, help_text=_("出国（境）或接待的人次。"))
    explanation = models.TextField(
        _("增减变化原因"), blank=True, max_length=1000, help_text=_("与上年相比金额有变化时必须填写。")
    )

    history = tracked()

    class Meta:
        verbose_name = _("“三公”经费明细")
        verbose_name_plural = _("“三公”经费明细")
        ordering = ["statement", "category"]
        constraints = [
            # Each category appears once per statement.
            models.UniqueConstraint(fields=["statement", "category"], name="disclosure_sangong_line_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="disclosure_sangong_line_amount_nonneg"),
        ]

    def __str__(self):
        return f"{self.statement} {self.get_category_display()}"


# --- The yearly disclosure report (政府信息公开工作年度报告) and what staff enter for it.


class ReportQuerySet(PublishableQuerySet):
    pass


class AnnualReport(Publishable):
    """One year's report. Its tables are computed; on publication they are frozen in `tables`."""

    Status = Status

    year = models.PositiveSmallIntegerField(_("报告年度"), unique=True)
    overview = models.TextField(_("一、总体情况"), blank=True, max_length=20000)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True, max_length=20000)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True, max_length=20000)
    tables = models.JSONField(_("发布时的统计表"), null=True, blank=True, editable=False)

    history = tracked()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year"]
        permissions = publication_permissions("政府信息公开工作年度报告", "annualreport")
        indexes = [
            # /annual-reports/: published reports, newest year first.
            models.Index(fields=["status", "-year"], name="disclosure_report_list"),
        ]

    def __str__(self):
        return f"娄底市应急管理局 {self.year} 年政府信息公开工作年度报告"

    def get_absolute_url(self):
        return reverse("disclosure:annual-report-detail", args=[self.year])

    correction_excluded_fields = ("year",)

    def publication_errors(self) -> dict:
        """The three written sections, and tables that pass their cross-checks."""
        from .report_tables import check_tables, missing_figures
        from .services.reports import compute_tables, same_title_notice

        empty = [
            str(self._meta.get_field(name).verbose_name)
            for name in ("overview", "problems", "other_matters")
            if not getattr(self, name).strip()
        ]
        if empty:
            return {"__all__": _("请先撰写：%(parts)s。") % {"parts": "、".join(empty)}}
        if self.status == Status.PUBLISHED:
            return {}  # a correction changes the text; the published tables stay frozen
        clash = same_title_notice(self.year)
        if clash is not None:
            return {
                "__all__": _(
                    "政务公开年报栏目中已有同名信息《%(title)s》（索引号 %(index)s）。年度报告发布时会自动归入该栏目，"
                    "请先撤回该信息（写明原因），再发布本报告，以免同一年度出现两份报告。"
                )
                % {"title": clash.title, "index": clash.index_number or "—"}
            }
        tables = compute_tables(self)
        problems = check_tables(tables) + [
            _("表二“%(row)s”尚无数据，请填报。") % {"row": label} for label in missing_figures(tables)
        ]
        return {"__all__": problems} if problems else {}

    def before_publish(self, *, by, at) -> None:
        from .services.reports import compute_tables

        self.tables = compute_tables(self)

    def after_publish(self, *, by) -> None:
        """File the report in the 政务公开年报 column as a notice, through the same lifecycle."""
        from .services.reports import file_report_as_notice

        file_report_as_notice(self, by=by)


class Table2Row(models.TextChoices):
    """Rows of Table 二 in either format (services.reports.TABLE2_LAYOUTS says which rows each has)."""

    RULES = "rules", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    LICENSING = "licensing", _("行政许可")
    OTHER_SERVICES = "other_services", _("其他对外管理服务事项（2019 年格式）")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    FEES = "fees", _("行政事业性收费")
    PROCUREMENT = "procurement", _("政府集中采购（2019 年格式）")


class Table2Column(models.TextChoices):
    ISSUED = "issued", _("本年制发件数")
    REPEALED = "repealed", _("本年废止件数")
    IN_FORCE = "in_force", _("现行有效件数")
    DECISIONS = "decisions", _("本年处理决定数量")
    AMOUNT = "amount", _("本年收费金额（单位：万元）")
    # The 2019 format (国办公开办函〔2019〕60号), reports on 2019 and 2020.
    MADE = "made", _("本年新制作数量")
    NEWLY_PUBLISHED = "newly_published", _("本年新公开数量")
    PUBLIC_TOTAL = "public_total", _("对外公开总数量")
    PREVIOUS_ITEMS = "previous_items", _("上一年项目数量")
    CHANGE = "change", _("本年增/减")
    PURCHASES = "purchases", _("采购项目数量")
    PURCHASE_AMOUNT = "purchase_amount", _("采购总金额")


class ReportManualFigure(models.Model):
    """A Table 二 figure typed by staff where no register of the portal provides it yet."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("年度报告"), on_delete=models.CASCADE, related_name="manual_figures"
    )
    row = models.CharField(_("行"), max_length=20, choices=Table2Row)
    column = models.CharField(_("列"), max_length=20, choices=Table2Column)
    value = models.DecimalField(
        _("数值"),
        max_digits=12,
        decimal_places=2,
        help_text=_("件数填整数；收费金额、采购总金额以万元计；“本年增/减”减少时填负数。"),
    )
    source_note = models.CharField(_("数据来源"), max_length=200, blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("表二人工填报数")
        verbose_name_plural = _("表二人工填报数")
        constraints = [
            # One figure per cell of Table 二.
            models.UniqueConstraint(fields=["report", "row", "column"], name="disclosure_report_manual_cell"),
        ]

    def __str__(self):
        return f"{self.get_row_display()} {self.get_column_display()}"

    def clean(self):
        """The cell must be one of Table 二 in the report year's format."""
        from .services.reports import table2_cells

        if (
            self.report_id
            and self.row
            and self.column
            and (self.row, self.column) not in table2_cells(self.report.year)
        ):
            raise ValidationError(
                _("“%(row)s / %(column)s”不是 %(year)d 年度报告格式表二中的单元格。")
                % {"row": self.get_row_display(), "column": self.get_column_display(), "year": self.report.year}
            )


class ReviewCase(models.Model):
    """An administrative reconsideration or lawsuit about the bureau's disclosure (Table 四)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", _("行政复议")
        LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
        LITIGATION_AFTER_REVIEW = "litigation_after_review", _("行政诉讼（复议后起诉）")

    class Result(models.TextChoices):
        UPHELD = "upheld", _("结果维持")
        CORRECTED = "corrected", _("结果纠正")
        OTHER = "other", _("其他结果")
        PENDING = "pending", _("尚未审结")

    kind = models.CharField(_("类别"), max_length=30, choices=Kind)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("立案日期"))
    result = models.CharField(_("结果"), max_length=20, choices=Result, default=Result.PENDING)
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    summary = models.CharField(_("案由摘要"), max_length=500, blank=True, help_text=_("不写申请人姓名等个人信息。"))

    history = tracked()

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["-filed_on"]
        indexes = [
            # Table 四: the cases filed in one year.
            models.Index(fields=["filed_on"], name="disclosure_reviewcase_filed"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"


# --- Relations between documents ----------------------------------------------------------


class NoticeRelation(models.Model):
    """A typed link from a newer document (`source`) to the one it explains, amends, replaces or repeals.

    Shown on both ends; a published 废止 or 替代 decides the older document's 有效性
    (`Notice.effective_validity`). Edited with the source while the source is a draft.
    """

    class Kind(models.TextChoices):
        INTERPRETS = "interprets", _("解读")
        AMENDS = "amends", _("修改")
        REPLACES = "replaces", _("替代")
        REPEALS = "repeals", _("废止")
        ASSESSES = "assesses", _("整改评估")

    source = models.ForeignKey(Notice, verbose_name=_("本文件"), on_delete=models.PROTECT, related_name="relations_out")
    kind = models.CharField(_("关系"), max_length=20, choices=Kind)
    target = models.ForeignKey(
        Notice,
        verbose_name=_("所涉文件"),
        on_delete=models.PROTECT,
        related_name="relations_in",
        help_text=_("本文件所解读、修改、替代、废止或评估的文件。"),
    )

    history = tracked()

    class Meta:
        verbose_name = _("文件关系")
        verbose_name_plural = _("文件关系")
        ordering = ["source", "kind", "target"]
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="disclosure_relation_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="disclosure_relation_not_self"),
        ]
        indexes = [
            # The older document's page: what explains, amends, replaces or repeals it.
            models.Index(fields=["target", "kind"], name="disclosure_relation_target"),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    # How each end reads the link: the source "修改了" the target, the target "被……修改".
    OUTGOING = {
        Kind.INTERPRETS: _("解读的文件"),
        Kind.AMENDS: _("修改了"),
        Kind.REPLACES: _("替代了"),
        Kind.REPEALS: _("废止了"),
        Kind.ASSESSES: _("评估的事故调查报告"),
    }
    INCOMING = {
        Kind.INTERPRETS: _("政策解读"),
        Kind.AMENDS: _("已被修改"),
        Kind.REPLACES: _("已被替代"),
        Kind.REPEALS: _("已被废止"),
        Kind.ASSESSES: _("整改评估"),
    }

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("文件不能与自身建立关系。")})
        if self.kind == self.Kind.ASSESSES and self.target_id and not self.target.category.is_accident_report:
            raise ValidationError({"target": _("整改评估只能关联事故调查报告。")})


# --- The obligations board is a back-office page, not data: a proxy gives it an admin entry.


class ObligationBoard(AnnualReport):
    class Meta:
        proxy = True
        verbose_name = _("公开义务看板")
        verbose_name_plural = _("公开义务看板")


# --- The 政府网站工作年度报表 (国办函〔2018〕12号): the website's own yearly report.


class WebsiteReport(Publishable):
    """One year's 政府网站工作年度报表: figures counted from the portal's records (frozen on publication)
    and the few that no record holds (visits from the server statistics, 专栏专题, 安全防护), entered by staff."""

    Status = Status

    year = models.PositiveSmallIntegerField(_("报表年度"), unique=True)
    unique_visitors = models.PositiveIntegerField(
        _("独立用户访问总量"), null=True, blank=True, help_text=_("取自网站访问统计（服务器日志），单位：个。")
    )
    page_views = models.PositiveIntegerField(
        _("网站总访问量"), null=True, blank=True, help_text=_("取自网站访问统计（服务器日志），单位：次。")
    )
    special_columns = models.PositiveSmallIntegerField(_("专栏专题维护数量"), default=0)
    special_columns_new = models.PositiveSmallIntegerField(_("专栏专题新开设数量"), default=0)
    hot_responses = models.PositiveSmallIntegerField(_("回应公众关注热点或重大舆情数量"), default=0)
    surveys = models.PositiveSmallIntegerField(_("征集调查期数"), default=0)
    interviews = models.PositiveSmallIntegerField(_("在线访谈期数"), default=0)
    problems_fixed = models.PositiveSmallIntegerField(_("安全检测发现问题整改数"), default=0)
    has_early_warning = models.BooleanField(_("建立安全监测预警机制"), default=True)
    emergency_drills = models.PositiveSmallIntegerField(_("开展应急演练次数"), default=0)
    security_officer = models.CharField(_("明确网站安全责任人"), max_length=100, blank=True)
    new_media = models.TextField(
        _("移动新媒体"), blank=True, help_text=_("政务微博、微信公众号等账号名称及发布数量；没有的写“无”。")
    )
    innovation = models.TextField(_("创新发展"), blank=True, help_text=_("搜索即服务、多语言、无障碍、关怀版等。"))
    tables = models.JSONField(_("发布时的统计数据"), null=True, blank=True, editable=False)

    history = tracked()
    objects = ReportQuerySet.as_manager()

    correction_excluded_fields = ("year",)

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
        ordering = ["-year"]
        permissions = publication_permissions("政府网站工作年度报表", "websitereport")
        indexes = [
            # /website-reports/: published 报表, newest year first.
            models.Index(fields=["status", "-year"], name="disclosure_webreport_list"),
        ]

    def __str__(self):
        return f"{self.year} 年度政府网站工作年度报表"

    def get_absolute_url(self):
        return reverse("disclosure:website-report-detail", args=[self.year])

    def publication_errors(self) -> dict:
        """The year is over, and the figures no record holds are entered."""
        from django.utils import timezone

        errors = {}
        if self.year >= timezone.localdate().year:
            errors["year"] = _("报表年度结束后才能发布。")
        for name in ("unique_visitors", "page_views"):
            if getattr(self, name) is None:
                errors[name] = _("请根据网站访问统计填写。")
        if not self.security_officer.strip():
            errors["security_officer"] = _("请填写网站安全责任人。")
        if not self.new_media.strip():
            errors["new_media"] = _("请填写移动新媒体情况；没有的写“无”。")
        return errors

    def before_publish(self, *, by, at) -> None:
        from .website_report import compute

        self.tables = compute(self.year)
