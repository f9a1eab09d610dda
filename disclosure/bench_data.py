"""Benchmark data of the notices (bench/http_data.py): 100,000 published notices at scale 1.

Rows are written with bulk_create (no history rows, no per-row save): the titles
and bodies are drawn from fixed pools whose segmented search text is computed once,
so 100,000 notices take seconds of segmenting, not minutes. Each notice has its
索引号 (serials continue each year's highest) and a view counter. Topping up: only
the missing `bench` notices are added.
"""

import random
from datetime import timedelta

from django.utils import timezone

from loudi_portal.models import BureauProfile

from .models import Category, Notice, NoticeViewCount, format_index_number
from .search import index_words

FULL = 100_000
MARK = "基准"  # in every bench notice's source: how the generator finds its own rows
SUBJECTS = (
    "煤矿 非煤矿山 危险化学品 烟花爆竹 工贸企业 建筑施工 道路交通 消防 防汛抗旱 地质灾害 森林防火 "
    "特种设备 粉尘涉爆 有限空间 城镇燃气 冶金 尾矿库 校园安全 旅游景区 人员密集场所"
).split()
ACTIONS = (
    "安全生产大检查 专项整治 隐患排查治理 应急演练 执法检查 培训考核 约谈通报 复工复产验收 "
    "风险分级管控 警示教育 安全宣传 责任落实"
).split()
KINDS = ["关于开展", "关于做好", "关于印发", "关于通报", "关于加强", "关于进一步落实"]
PARAGRAPHS = [
    f"为深入贯彻落实安全生产责任制，切实加强{s}领域{a}工作，有效防范和遏制生产安全事故，"
    f"结合我市实际，现将有关事项通知如下。各县市区应急管理部门要高度重视，明确责任分工，"
    f"细化工作措施，确保{a}各项任务落到实处。"
    for s in SUBJECTS
    for a in ACTIONS[:4]
]


def generate(*, scale: float, bulk) -> None:
    wanted = round(FULL * scale)
    have = Notice.objects.filter(source__endswith=MARK).count()
    missing = wanted - have
    if missing <= 0:
        return
    categories = list(Category.objects.filter(children__isnull=True).values_list("pk", flat=True)) or list(
        Category.objects.values_list("pk", flat=True)
    )
    if not categories:
        raise SystemExit("No notice category: run `manage.py load_demo` before the benchmark data.")
    credit_code = BureauProfile.current().credit_code or "11431300MB1234567X"
    rng = random.Random(20261202 + have)
    body_words = [" ".join(index_words(p)) for p in PARAGRAPHS]
    title_words: dict[str, str] = {}
    serials = {}
    now = timezone.now()

    def rows():
        for i in range(have, wanted):
            subject, action, kind = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(KINDS)
            title = f"{kind}{subject}{action}工作的通知（第{i + 1}号）"
            stem = f"{kind}{subject}{action}工作的通知"
            if stem not in title_words:
                title_words[stem] = " ".join(index_words(stem))
            p = rng.randrange(len(PARAGRAPHS))
            published = now - timedelta(minutes=rng.randrange(60, 60 * 24 * 365 * 10))
            year = timezone.localtime(published).year
            if year not in serials:
                highest = Notice.objects.filter(index_year=year).order_by("-index_serial").first()
                serials[year] = highest.index_serial if highest else 0
            serials[year] += 1
            yield Notice(
                title=title,
                category_id=rng.choice(categories),
                source=f"娄底市应急管理局{MARK}",
                written_on=published.date(),
                body=f"<p>{PARAGRAPHS[p]}</p>",
                search_text=f"{title_words[stem]} {i + 1} {body_words[p]}",
                status="published",
                published_at=published,
                submitted_at=published,
                reviewed_at=published,
                index_year=year,
                index_serial=serials[year],
                index_number=format_index_number(credit_code, year, serials[year]),
            )

    bulk(Notice, rows(), missing, "notices")
    new = Notice.objects.filter(source__endswith=MARK, view_counter__isnull=True).values_list("pk", flat=True)
    counters = list(new.iterator(chunk_size=5000))
    bulk(
        NoticeViewCount,
        (NoticeViewCount(notice_id=pk, count=rng.randrange(0, 3000)) for pk in counters),
        len(counters),
        "notice view counters",
    )


def counters():
    notice = Notice.objects.published().order_by("-published_at", "-id").first()
    if notice is None:
        return []
    return [("notice 浏览量", notice.get_absolute_url(), lambda: Notice.objects.get(pk=notice.pk).view_count)]
