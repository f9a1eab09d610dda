"""Benchmark data of the approvals (bench/http_data.py): 20,000 decided applications at scale 1.

In proportion to the 100,000 notices: a bureau decides some thousands of licences a
year, so ten years of them. Every application is accepted, granted and completed,
with its deadlines worked out on the working-day calendar as the services do
(`refresh_deadlines_new`, `working_days_between`); no pauses, no history rows.
Topping up adds only the missing bench applications (marked by their contact name).
"""

import random
from datetime import timedelta

from django.utils import timezone

from loudi_portal.identifiers import CREDIT_CODE_ALPHABET, make_credit_code
from loudi_portal.workdays import working_days_between

from .models import Application, Service
from .services import refresh_deadlines_new

FULL = 20_000
MARK = "基准数据联系人"
BRANDS = "恒达 华鑫 湘中 宏远 金鑫 永盛 隆兴 资江 梅山 紫鹊".split()


def generate(*, scale: float, bulk) -> None:
    wanted = round(FULL * scale)
    have = Application.objects.filter(contact_name=MARK).count()
    if have >= wanted:
        return
    services = [s for s in Service.objects.all() if s.is_public]
    if not services:
        raise SystemExit("No public approval service: run `manage.py load_demo` before the benchmark data.")
    rng = random.Random(20261219 + have)
    today = timezone.localdate()

    def rows():
        for i in range(have, wanted):
            service = services[i % len(services)]
            accepted = today - timedelta(days=rng.randrange(30, 3650))
            app = Application(
                reference=f"SPJZ{accepted.year}{i + 1:07d}",
                service=service,
                enterprise_name=f"娄底市{rng.choice(BRANDS)}{i + 1}号有限公司",
                credit_code=make_credit_code("91431302" + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))),
                contact_name=MARK,
                contact_phone="0738-8000000",
                received_on=accepted,
                accepted_on=accepted,
                statutory_limit_days=service.statutory_limit_days,
                committed_limit_days=service.committed_limit_days,
                stage=Application.Stage.COMPLETED,
                review_started_on=accepted + timedelta(days=1),
                decision=Application.Decision.GRANTED,
                decision_on=(decided := accepted + timedelta(days=rng.randrange(2, 15))),
                decision_number=f"娄应急许〔{decided.year}〕{i + 1}号",
                licence_number=f"（湘）JZ安许证字〔{decided.year}〕{i + 1:06d}",
                licence_valid_from=decided,
                licence_valid_until=decided + timedelta(days=3 * 365),
                completed_on=decided + timedelta(days=1),
            )
            refresh_deadlines_new(app)
            app.working_days_taken = working_days_between(accepted, decided)
            yield app

    bulk(Application, rows(), wanted - have, "approval applications")
