"""Where a public page's time goes: templates against the database, under cProfile.

Renders each path `--requests` times in Django's test client (cold: set
PUBLIC_CACHE_SECONDS=0) and prints the time per request, the part inside
`Template.render` and the part inside the database driver. Point DATABASE_URL at the data to
profile, for example a database kept by `make bench BENCH_ARGS="--keep DIR"`:

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/portal_0_001 PUBLIC_CACHE_SECONDS=0 \\
        DEBUG=1 .venv/bin/python -m bench.profile_page /notices/ /enforcement/penalties/

cProfile roughly doubles the time of Python code, so compare the parts, not the totals, with wrk.
"""

import argparse
import cProfile
import os
import pstats
import time


def _cumulative(stats: pstats.Stats, match) -> float:
    return max((cum for key, (_cc, _nc, _tt, cum, _callers) in stats.stats.items() if match(*key)), default=0.0)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="public paths, e.g. /notices/")
    parser.add_argument("--requests", type=int, default=20, help="requests per path (default 20)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loudi_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["127.0.0.1"])[0].lstrip(".") or "127.0.0.1")
    for path in args.paths:
        client.get(path)  # imports, the jieba dictionary, counts kept per content version
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(args.requests):
            status = client.get(path).status_code
        profile.disable()
        per_request = (time.perf_counter() - started) / args.requests
        stats = pstats.Stats(profile)
        templates = _cumulative(
            stats, lambda f, _line, name: f.endswith("django/template/base.py") and name == "render"
        )
        database = sum(
            cum
            for (f, _line, name), (_cc, _nc, _tt, cum, _callers) in stats.stats.items()
            if name == "execute" and "psycopg" in f and "cursor" in f
        )
        n = args.requests
        print(
            f"{path} ({status}): {per_request * 1000:.1f} ms a request; templates {templates / n * 1000:.1f} ms,"
            f" database driver {database / n * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
