"""The HTTP load benchmark: `make bench` (on demand, never in CI).

In one run, on loopback only, with every loop bounded in time:

1. a PRIVATE PostgreSQL cluster (initdb in a temporary folder, its own port;
   the machine's main cluster is never touched), migrated, with the demo data
   and the benchmark data of every app (bench/http_data.py) at each scale;
2. one gunicorn (2 sync workers, like production) serving the portal and a
   minimal Django view; wrk measures req/s, p50 and p99 of every public page
   (the example URLs of tests/public_urls.py) and of the minimal view, in
   interleaved rounds, and reports each page's throughput as a ratio to the
   minimal view's in the same round;
3. scale-out: two gunicorns on two ports sharing the one PostgreSQL under
   concurrent load: every acknowledged counter increment is counted, exactly;
4. soak: steady load with a PostgreSQL restart in the middle: errors while the
   database is down, recovery by itself, nothing acknowledged lost.

The report is a markdown file in bench/results/ (git-ignored); copy its tables
into README.md with the date and the machine.
"""

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
MINIMAL = "/__bench__/ok/"
HIT = "/__bench__/hit/"
AIM_RATIO = 0.40  # every page at least 40% of the minimal view's throughput
AIM_SCALE = 0.80  # no page slower at the large scale than at the small one by more than 20%


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- A private PostgreSQL cluster ---------------------------------------------------


class PrivateCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on 127.0.0.1:<port>, trust auth."""

    def __init__(self, folder: Path, port: int):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        if not bins:
            sys.exit("PostgreSQL server binaries not found (Debian package postgresql).")
        self.bin = bins[-1].parent
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        self.dbname = "portal"  # the database in use: one per scale (database_for)

    def _run(self, *args, check=True):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def create(self):
        """Make the cluster, or start it again when the folder already holds one (--keep)."""
        if (self.data / "PG_VERSION").exists():
            self.start()
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust", "-U", "postgres")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.folder}'\n"
            )
        self.start()

    def ensure_database(self, name: str) -> bool:
        """Create the database `name` if it is missing; True when it was created."""
        if self.sql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'", dbname="postgres"):
            return False
        self.sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", dbname="postgres")
        return True

    def start(self):
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def sql(self, statement: str, dbname: str | None = None):
        import psycopg

        dbname = dbname or self.dbname
        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname, autocommit=True) as c:
            cur = c.execute(statement)
            return cur.fetchall() if cur.description else None

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.dbname}"


# --- gunicorn -------------------------------------------------------------------------


class Server:
    def __init__(self, env: dict, port: int, workers: int, log_dir: Path):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        command = [str(Path(PYTHON).parent / "gunicorn"), "loudi_portal.wsgi:application", "-c", "gunicorn.conf.py"]
        command += ["-b", f"127.0.0.1:{port}", "-w", str(workers), "--access-logfile", "/dev/null"]
        command += ["--log-level", "warning"]
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_file = (log_dir / f"gunicorn-{port}.log").open("a")  # 500s of the soak go here, not the terminal
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if status_of(self.base + "/healthz/") == 200:
                return
            time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn on port {port} did not answer within 90 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


def status_of(url: str, method: str = "GET", timeout: float = 10) -> int:
    """The HTTP status of one request (no redirects followed); 0 when the connection fails."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(
            urllib.request.Request(url, method=method, data=b"" if method == "POST" else None), timeout=timeout
        ) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, http.client.HTTPException):  # refused, timed out, or cut off mid-body
        return 0


# --- wrk ----------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, duration: int, connections: int = 16, threads: int = 2) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 60).stdout

    def latency(pct):
        m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def measure(server: Server, pages: list[str], rounds: int, duration: int) -> dict[str, list[dict]]:
    """Interleaved rounds: each page is measured right after a run of the minimal view (its pair),
    the page order rotating from round to round, so a page's ratio compares two neighbouring runs
    even when the machine's load drifts."""
    runs = {MINIMAL: [], **{p: [] for p in pages}}
    for r in range(rounds):
        shift = r % max(1, len(pages))
        for page in pages[shift:] + pages[:shift]:
            pair = {}
            for scenario in (MINIMAL, page):
                url = server.base + scenario
                wrk(url, 1, connections=2, threads=1)  # warm-up, no backlog spills into the run
                pair[scenario] = wrk(url, duration)
            pair[page]["ratio"] = pair[page]["rps"] / pair[MINIMAL]["rps"] if pair[MINIMAL]["rps"] else float("nan")
            runs[MINIMAL].append(pair[MINIMAL])
            runs[page].append(pair[page])
            log(
                f"round {r + 1}/{rounds} {page}: {pair[page]['rps']:.0f} req/s (minimal view "
                f"{pair[MINIMAL]['rps']:.0f}), p99 {pair[page]['p99']:.1f} ms"
            )
    return runs


def spread(values, fmt="{:,.0f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def page_table(runs: dict[str, list[dict]]) -> tuple[str, dict[str, float]]:
    """A markdown table of one scale, and each page's median req/s."""
    lines = [
        "| page | req/s median (min–max) | p50 ms | p99 ms | × minimal view (paired runs) | errors | aim ≥ 0.40 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    medians = {}
    for scenario, results in runs.items():
        rps = [r["rps"] for r in results]
        ratio = 1.0 if scenario == MINIMAL else statistics.median(r["ratio"] for r in results)
        medians[scenario] = statistics.median(rps)
        aim = "–" if scenario == MINIMAL else ("yes" if ratio >= AIM_RATIO else "**no**")
        name = "minimal Django view" if scenario == MINIMAL else f"`{scenario}`"
        lines.append(
            f"| {name} | {spread(rps)} | {statistics.median(r['p50'] for r in results):.1f} | "
            f"{statistics.median(r['p99'] for r in results):.1f} | {ratio:.2f} | "
            f"{sum(r['errors'] for r in results)} | {aim} |"
        )
    return "\n".join(lines), medians


# --- Counters: scale-out and soak ------------------------------------------------------


def hammer(url: str, method: str, stop_at: float, max_requests: int, acked: list, failed: list, timings: list):
    """Send requests until the deadline or the request budget; record acknowledgements."""
    for _ in range(max_requests):
        if time.monotonic() >= stop_at:
            return
        started = time.monotonic()
        status = status_of(url, method=method, timeout=15)
        (acked if status == 200 else failed).append(status)
        timings.append((started, status))


def run_clients(urls: list[str], method: str, per_server_threads: int, seconds: float, max_requests: int):
    acked, failed, timings = [], [], []
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=hammer, args=(url, method, stop_at, max_requests, acked, failed, timings))
        for url in urls
        for _ in range(per_server_threads)
    ]
    for t in threads:
        t.start()
    return threads, acked, failed, timings


def counter(cluster: PrivateCluster) -> int:
    return cluster.sql("SELECT hits FROM bench_http_counter WHERE id = 1")[0][0]


def reset_counter(cluster: PrivateCluster) -> None:
    cluster.sql("CREATE TABLE IF NOT EXISTS bench_http_counter (id int PRIMARY KEY, hits bigint NOT NULL)")
    cluster.sql("INSERT INTO bench_http_counter VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET hits = 0")


def app_counters(env) -> dict[str, dict]:
    """The counters apps declare in their bench_data.py (`counters()`), with their current values."""
    listed = subprocess.run(
        [PYTHON, "-m", "bench.http_data", "--counters"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return {c["label"]: c for c in json.loads(listed.stdout)}


def scale_out(cluster, env, port, seconds) -> str:
    """Two gunicorns, one database: the bench counter (POST) and every app counter (GET, e.g. 浏览量)."""
    second = Server(env, port + 1, workers=2, log_dir=Path(env["BENCH_LOG_DIR"]))
    bases = [f"http://127.0.0.1:{port}", second.base]
    lines = [
        "| counter | app servers | client threads | acknowledged | failed | counted in the database | exact |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    try:
        reset_counter(cluster)
        threads, acked, failed, _ = run_clients([b + HIT for b in bases], "POST", 4, seconds, 100_000)
        for t in threads:
            t.join()
        hits = counter(cluster)
        exact = hits == len(acked) and not failed
        lines.append(
            f"| bench counter (`{HIT}`) | 2 | 8 | {len(acked):,} | {len(failed)} | {hits:,} | "
            f"{'yes' if exact else '**no**'} |"
        )
        before = app_counters(env)
        for label, info in before.items():
            threads, acked, failed, _ = run_clients([b + info["url"] for b in bases], "GET", 4, seconds, 100_000)
            for t in threads:
                t.join()
            counted = app_counters(env)[label]["value"] - info["value"]
            exact = counted == len(acked) and not failed
            lines.append(
                f"| {label} (`{info['url']}`) | 2 | 8 | {len(acked):,} | {len(failed)} | {counted:,} | "
                f"{'yes' if exact else '**no**'} |"
            )
        if not before:
            lines.append("| (no app declares a counter yet: `counters()` in `<app>/bench_data.py`) | | | | | | |")
    finally:
        second.stop()
    return "\n".join(lines)


def soak(cluster, server, seconds) -> str:
    reset_counter(cluster)
    threads, acked, failed, timings = run_clients([server.base + HIT], "POST", 4, seconds, 10_000_000)
    time.sleep(seconds / 3)
    log("soak: restarting PostgreSQL")
    down_at = time.monotonic()
    cluster.stop()
    time.sleep(min(5.0, seconds / 10))
    cluster.start()
    up_at = time.monotonic()
    log("soak: PostgreSQL is back")
    for t in threads:
        t.join()
    hits = counter(cluster)
    after_up = sorted((t, s) for t, s in timings if t >= up_at)
    first_ok = next((t for t, s in after_up if s == 200), None)
    recovered_in = (first_ok - up_at) if first_ok is not None else float("inf")
    last_errors = [s for t, s in after_up if first_ok is not None and t > first_ok + 5 and s != 200]
    during = [s for t, s in timings if down_at <= t < up_at]
    lost = len(acked) - hits if hits < len(acked) else 0
    ok = lost == 0 and hits <= len(acked) + len(failed) and recovered_in < 30 and not last_errors
    return (
        "| seconds | acknowledged | errors (while down) | statuses while down | recovered after restart | "
        "counter | acknowledged but lost | verdict |\n"
        "| ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |\n"
        f"| {seconds:.0f} | {len(acked):,} | {len(failed)} ({len([s for s in during if s != 200])}) | "
        f"{sorted(set(during))} | {recovered_in:.1f} s | {hits:,} | {lost} | {'pass' if ok else '**fail**'} |"
    )


# --- The run ---------------------------------------------------------------------------


def django_env(cluster: PrivateCluster, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_ALLOW", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.http_settings",
        DATABASE_URL=cluster.url,
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        SECURE_HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="http://127.0.0.1",
        VAR_DIR=str(var_dir),
        PUBLIC_CACHE_SECONDS="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_for(scale: float) -> str:
    """The private cluster's database of one scale: portal_0_001, portal_1, ..."""
    return "portal_" + f"{scale:g}".replace(".", "_").replace("-", "_")


def prepare(cluster: PrivateCluster, scale: float, var_dir: Path, log_dir: Path) -> dict:
    """Migrate, load the demo and top the scale's database up to its size; its environment."""
    cluster.dbname = database_for(scale)
    created = cluster.ensure_database(cluster.dbname)
    env = django_env(cluster, var_dir)
    env["BENCH_LOG_DIR"] = str(log_dir)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    if created:
        manage(env, "load_demo")
    reset_counter(cluster)
    log(f"generating data at scale {scale:g} in database {cluster.dbname}")
    subprocess.run([PYTHON, "-m", "bench.http_data", "--scale", str(scale)], cwd=ROOT, env=env, check=True)
    return env


def main(argv=None):
    parser = argparse.ArgumentParser(description="HTTP load benchmark of the portal (loopback only).")
    parser.add_argument("--scales", default="0.001,1", help="data sizes to measure, small first (1 = full size)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per scale")
    parser.add_argument("--duration", type=int, default=5, help="seconds of each wrk run")
    parser.add_argument("--port", type=int, default=8190, help="gunicorn port (the second server uses port+1)")
    parser.add_argument("--pg-port", type=int, default=54329, help="port of the private PostgreSQL cluster")
    parser.add_argument("--scale-out-seconds", type=float, default=15)
    parser.add_argument("--soak-seconds", type=float, default=120)
    parser.add_argument("--output", type=Path, help="report file (default: bench/results/http-<time>.md)")
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep the private cluster in this folder (one database per scale) and reuse it on the next "
        "run: the full size is generated once",
    )
    parser.add_argument("--generate-only", action="store_true", help="prepare every scale's database, measure nothing")
    parser.add_argument(
        "--cache", default="off,on", help="page cache settings to measure: off (every request a miss), on, or both"
    )
    parser.add_argument(
        "--pages",
        help="only measure the pages whose URL fully matches one of these comma-separated regular expressions",
    )
    args = parser.parse_args(argv)
    if not shutil.which("wrk") and not args.generate_only:
        sys.exit("wrk is not installed (Debian package wrk; `make bench` installs it).")
    scales = [float(s) for s in args.scales.split(",")]
    caches = [c.strip() for c in args.cache.split(",") if c.strip()]
    started = datetime.now(UTC)
    scratch = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="loudi-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    os.chmod(scratch, 0o755)
    cluster = PrivateCluster(scratch / "pg", args.pg_port)
    server = None
    sections = []
    medians = {}  # (scale, cache) -> page -> req/s
    log_dir = RESULTS / f"logs-{started:%Y%m%d-%H%M}"
    try:
        log(f"private PostgreSQL cluster in {scratch} on port {args.pg_port}")
        cluster.create()
        first = django_env(cluster, scratch / "var")
        manage(first, "collectstatic", "--noinput", "--verbosity", "0")
        envs = {scale: prepare(cluster, scale, scratch / "var", log_dir) for scale in scales}
        if args.generate_only:
            log("data ready; --generate-only: nothing measured")
            return
        for scale in scales:
            cluster.dbname = database_for(scale)
            for cache_mode in caches:
                env = dict(envs[scale], PUBLIC_CACHE_SECONDS="60" if cache_mode == "on" else "0")
                listed = subprocess.run(
                    [PYTHON, "-m", "bench.http_data", "--list-urls"], cwd=ROOT, env=env, check=True, capture_output=True
                )
                server = Server(env, args.port, workers=2, log_dir=log_dir)
                pages = [u for u in json.loads(listed.stdout) if status_of(server.base + u, timeout=120) == 200]
                if args.pages:  # each a regular expression the whole URL must match
                    wanted = [re.compile(w) for w in args.pages.split(",")]
                    pages = [u for u in pages if any(w.fullmatch(u) for w in wanted)]
                log(f"scale {scale:g}, page cache {cache_mode}: {len(pages)} pages")
                runs = measure(server, pages, args.rounds, args.duration)
                table, medians[scale, cache_mode] = page_table(runs)
                label = "on (warm: every page served before it is measured)" if cache_mode == "on" else "off (cold)"
                sections.append(f"### Scale {scale:g}, page cache {label}\n\n{table}\n")
                server.stop()
                server = None
        if len(scales) > 1:
            for cache_mode in caches:
                small, large = medians[scales[0], cache_mode], medians[scales[-1], cache_mode]
                lines = [
                    f"| page | req/s at scale {scales[0]:g} | req/s at scale {scales[-1]:g} | ratio | aim ≥ 0.80 |",
                    "| --- | ---: | ---: | ---: | --- |",
                ]
                for page in large:
                    if page in small and page != MINIMAL and small[page]:
                        ratio = large[page] / small[page]
                        lines.append(
                            f"| `{page}` | {small[page]:,.1f} | {large[page]:,.1f} | {ratio:.2f} | "
                            f"{'yes' if ratio >= AIM_SCALE else '**no**'} |"
                        )
                sections.append(f"### Large against small data, page cache {cache_mode}\n\n" + "\n".join(lines) + "\n")
        if args.scale_out_seconds > 0 or args.soak_seconds > 0:
            env = envs[scales[-1]]
            cluster.dbname = database_for(scales[-1])
            server = Server(env, args.port, workers=2, log_dir=log_dir)
            if args.scale_out_seconds > 0:
                log("scale-out: two app servers, one database")
                sections.append(
                    "### Two app servers, one PostgreSQL\n\n"
                    + scale_out(cluster, env, args.port, args.scale_out_seconds)
                    + "\n"
                )
            if args.soak_seconds > 0:
                log(f"soak: {args.soak_seconds:.0f} s with a PostgreSQL restart")
                sections.append(
                    "### Soak with a PostgreSQL restart\n\n" + soak(cluster, server, args.soak_seconds) + "\n"
                )
    finally:
        if server:
            server.stop()
        cluster.stop()
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    load = open("/proc/loadavg").read().split()[:3]
    header = (
        f"## HTTP benchmark, {started:%Y-%m-%d %H:%M} UTC\n\n"
        f"Machine: {os.cpu_count()} cores ({cpu}), {platform.platform()}; load average at the end "
        f"{' / '.join(load)} (1 / 5 / 15 min); PostgreSQL (private cluster, default "
        f"config), gunicorn 2 sync workers, wrk -t2 -c16 -d{args.duration}s on loopback, {args.rounds} interleaved "
        f"rounds per scale and cache setting; page cache {', '.join(caches)}.\n"
    )
    report = header + "\n" + "\n".join(sections)
    output = args.output or RESULTS / f"http-{started:%Y%m%d-%H%M}.md"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    print(report)
    log(f"report written to {output}")


if __name__ == "__main__":
    main()
