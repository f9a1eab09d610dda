"""Benchmark data of the foundation (see bench/http_data.py): the about page's
departments and leaders at a plausible upper size, and staff accounts.

The about page lists every department and leader, and a bureau has tens, not
thousands: they are brought to a fixed realistic size at any scale (so the page
is compared like for like between scales). Staff accounts grow with the scale.
"""

from django.contrib.auth.models import User

from .models import Department, Leader


def generate(*, scale: float, bulk) -> None:
    departments = 20
    have = set(Department.objects.values_list("name", flat=True))
    new = [f"基准测试科室{i:03d}" for i in range(departments) if f"基准测试科室{i:03d}" not in have]
    bulk(
        Department,
        (
            Department(name=n, duties="负责基准测试所需的演示职责。" * 3, phone="0738-8000999", position=900)
            for n in new
        ),
        len(new),
        "departments",
    )
    leaders = 8
    have = set(Leader.objects.filter(title="基准测试副局长").values_list("name", flat=True))
    new = [f"测试{i:02d}" for i in range(leaders) if f"测试{i:02d}" not in have]
    bulk(
        Leader,
        (Leader(name=n, title="基准测试副局长", responsibilities="分管基准测试。", position=900) for n in new),
        len(new),
        "leaders",
    )
    staff = round(2000 * scale)
    have = User.objects.filter(username__startswith="bench_staff_").count()
    bulk(
        User,
        (User(username=f"bench_staff_{i:07d}", is_staff=True, password="!") for i in range(have, staff)),
        max(0, staff - have),
        "staff accounts",
    )
