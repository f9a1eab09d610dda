"""Settings of the load benchmark: the portal's own, plus two bench-only URLs (see http_urls.py)."""

from loudi_portal.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.http_urls"
