"""The portal's URLs plus what only the benchmark serves, from the same gunicorn:

- /__bench__/ok/: the minimal Django view (full middleware stack, no database, no
  template): every page's throughput is reported as a ratio to it.
- /__bench__/hit/: adds one to a counter row in one UPDATE and answers the new
  value; the scale-out and soak runs check that every acknowledged hit is counted.
"""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from loudi_portal.urls import handler400, handler403, handler404, handler500  # noqa: F401
from loudi_portal.urls import urlpatterns as portal_urls

COUNTER_TABLE = "bench_http_counter"


@never_cache
def ok(request):
    return HttpResponse("ok\n", content_type="text/plain")


@csrf_exempt
@never_cache
def hit(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {COUNTER_TABLE} SET hits = hits + 1 WHERE id = 1 RETURNING hits")
        (hits,) = cursor.fetchone()
    return HttpResponse(f"{hits}\n", content_type="text/plain")


urlpatterns = [path("__bench__/ok/", ok), path("__bench__/hit/", hit), *portal_urls]
