"""Benchmark data of the information requests (bench/http_data.py): 5,000 answered requests at scale 1.

In proportion to the 100,000 notices and 20,000 licence files: a municipal bureau answers
some hundreds of requests a year at most, so ten years of them. Each is received on a
working day, answered within its 20 working days (the clock of `clock.add_days`, as the
services keep it) with a Table 三 outcome, and feeds the yearly report's tables and the
obligations board like a real one; no events, no history rows, no usable query code.
Topping up adds only the missing bench requests (marked by their contact person).
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from loudi_portal.tracking import format_reference

from .clock import ANSWER_DAYS, add_days
from .models import ApplicantKind, InfoRequest, Outcome

FULL = 5_000
MARK = "基准数据联系人"
PREFIX = "YSQJZ"  # not the real YSQ counter: bench numbers never collide with real ones
# Most requests are granted in whole or part; the rest spread over the other outcomes.
OUTCOMES = (
    [Outcome.GRANTED] * 6 + [Outcome.PARTLY] * 2 + [o for o in Outcome if o not in (Outcome.GRANTED, Outcome.PARTLY)]
)
KINDS = [ApplicantKind.PERSON] * 5 + [ApplicantKind.COMMERCIAL] * 2 + list(ApplicantKind)
TOPICS = "煤矿安全生产许可 危险化学品经营许可 事故调查报告 应急预案备案 行政处罚决定 防汛抗旱物资 救灾资金 安全生产检查".split()


def generate(*, scale: float, bulk) -> None:
    wanted = round(FULL * scale)
    have = InfoRequest.objects.filter(contact_person=MARK).count()
    if have >= wanted:
        return
    rng = random.Random(20261202 + have)
    today = timezone.localdate()

    def rows():
        for i in range(have, wanted):
            received = today - timedelta(days=rng.randrange(40, 3650))
            due = add_days(received, ANSWER_DAYS).due
            closed = min(received + timedelta(days=rng.randrange(3, 28)), due)
            yield InfoRequest(
                reference=format_reference(PREFIX, received.year, i + 1),
                query_code_hash="!",  # no code opens a bench request
                applicant_kind=rng.choice(KINDS),
                name=f"基准申请人{i + 1}",
                contact_person=MARK,
                phone="0738-8000000",
                address="娄底市娄星区基准路 1 号",
                description=f"申请公开{rng.choice(TOPICS)}的相关政府信息（基准数据）。",
                submitted_at=timezone.make_aware(datetime.combine(received, time(9, 30))),
                status=InfoRequest.Status.ANSWERED,
                received_on=received,
                due_on=due,
                closed_on=closed,
                outcome=rng.choice(OUTCOMES),
            )

    bulk(InfoRequest, rows(), wanted - have, "information requests")
