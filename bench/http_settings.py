"""Settings of the load benchmark: the portal's own, plus two bench-only URLs (see http_urls.py)."""

from loudi_portal import settings as _portal

# The portal's settings as they are (names in capitals, as Django reads them), without `import *`.
globals().update({name: value for name, value in vars(_portal).items() if name.isupper()})

ROOT_URLCONF = "bench.http_urls"
