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

from loudi_portal.files import original_name, random_name
from loudi_portal.history import tracked
from loudi_portal.publishing import Publishable, PublishableQuerySet, Status, publication_permissions

from .sanitize import html_to_text, sanitize_html


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
        return self.select_related("category", "view_counter").order_by("-published_at", "-id")


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

    def publication_errors(self) -> dict:
        errors = {}
        if self.category.is_normative and not self.validity:
            errors["validity"] = _("规范性文件必须填写有效性（有效/失效/废止）。")
        if self.validity in (self.Validity.EXPIRED, self.Validity.REPEALED) and not self.validity_changed_on:
            errors["validity_changed_on"] = _("失效或废止的文件必须填写有效性变更日期。")
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
        from .services.reports import compute_tables

        empty = [
            str(self._meta.get_field(name).verbose_name)
            for name in ("overview", "problems", "other_matters")
            if not getattr(self, name).strip()
        ]
        if empty:
            return {"__all__": _("请先撰写：%(parts)s。") % {"parts": "、".join(empty)}}
        if self.status == Status.PUBLISHED:
            return {}  # a correction changes the text; the published tables stay frozen
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
    RULES = "rules", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    FEES = "fees", _("行政事业性收费")


class Table2Column(models.TextChoices):
    ISSUED = "issued", _("本年制发件数")
    REPEALED = "repealed", _("本年废止件数")
    IN_FORCE = "in_force", _("现行有效件数")
    DECISIONS = "decisions", _("本年处理决定数量")
    AMOUNT = "amount", _("本年收费金额（万元）")


class ReportManualFigure(models.Model):
    """A Table 二 figure typed by staff where no register of the portal provides it yet."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("年度报告"), on_delete=models.CASCADE, related_name="manual_figures"
    )
    row = models.CharField(_("行"), max_length=20, choices=Table2Row)
    column = models.CharField(_("列"), max_length=20, choices=Table2Column)
    value = models.DecimalField(
        _("数值"), max_digits=12, decimal_places=2, help_text=_("件数填整数；收费金额以万元计。")
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


# --- The obligations board is a back-office page, not data: a proxy gives it an admin entry.


class ObligationBoard(AnnualReport):
    class Meta:
        proxy = True
        verbose_name = _("公开义务看板")
        verbose_name_plural = _("公开义务看板")
