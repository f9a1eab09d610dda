from django.core.management.base import BaseCommand

from loudi_portal import selfcheck


class Command(BaseCommand):
    help = "Run the government-website inspection on this site (自查); exit status 1 on a 单项否决 item (for cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-pages",
            type=int,
            default=selfcheck.DEFAULT_MAX_PAGES,
            help="Stop the link crawl after this many pages (default %(default)s).",
        )
        parser.add_argument(
            "--no-record",
            action="store_true",
            help="Do not keep this run for the staff page (自查 in the back office).",
        )

    def handle(self, *args, max_pages, no_record, **options):
        self.stdout.write("正在自查（抓取本站页面，可能需要几分钟）……")
        if no_record:
            results = selfcheck.run(max_pages=max_pages)
        else:
            _record, results = selfcheck.run_and_record(max_pages=max_pages)
        for r in results:
            mark = "通过" if r.passed else ("不通过【单项否决】" if r.veto else "不通过")
            style = self.style.SUCCESS if r.passed else self.style.ERROR
            self.stdout.write(style(f"[{mark}] {r.title}：{r.summary}"))
            for f in r.findings:
                self.stdout.write(f"    - {f.text}" + (f"  → {f.url}" if f.url else ""))
            for f in r.warnings if r.passed else []:
                self.stdout.write(f"    · 提示：{f.text}" + (f"  → {f.url}" if f.url else ""))
        failed = sum(1 for r in results if not r.passed)
        if selfcheck.veto_failed(results):
            self.stdout.write(self.style.ERROR(f"自查结果：存在单项否决项，网站将被判为不合格（{failed} 项不通过）。"))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(f"自查结果：无单项否决项（{failed} 项扣分项不通过）。"))
