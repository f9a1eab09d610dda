from datetime import datetime
from itertools import count

from django.utils import timezone

from inforequests.models import InfoRequest
from loudi_portal.tracking import hash_query_code

_serial = count(1)
ID_NUMBER = "43130219800101003X"  # a valid GB 11643 number (check digit X)


def make_request(**overrides) -> InfoRequest:
    n = next(_serial)
    fields = {
        "reference": f"YSQ-2019-{n:05d}",
        "query_code_hash": hash_query_code("ABCD2345"),
        "applicant_kind": "person",
        "name": f"申请人甲{n}",
        "id_number": ID_NUMBER,
        "phone": "0738-8888888",
        "address": "娄底市娄星区长青中街 1 号",
        "description": "2019 年烟花爆竹零售网点布局规划",
        "submitted_at": timezone.make_aware(datetime(2019, 3, 1, 9, 0)),
    }
    fields.update(overrides)
    return InfoRequest.objects.create(**fields)
