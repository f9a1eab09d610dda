"""The production shape, tested: deploy/nginx.conf in front of two gunicorn servers, PostgreSQL, Redis.

The repository's nginx.conf runs as it is, with only this test's ports and paths
put in for the values its comments name (LISTEN, APP_SERVER_1/2, STATIC_ROOT,
MEDIA_ROOT, CACHE_DIR, the pid and log files). The test plays the TLS proxy in
front of it (127.0.0.1, the trusted TLS_PROXY_ADDRESS): it sends X-Forwarded-For
and X-Forwarded-Proto as that proxy would. Everything is checked through nginx,
the way a reader's browser reaches the site.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
REDIS = shutil.which("redis-server")
HOST = "yjj.example.gov.cn"
NGINX_PORT, APP_PORTS, REDIS_PORT = 18080, (18001, 18002), 18379
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
    pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (apt-get install redis-server)"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the production shape runs on PostgreSQL"),
]


def wait_for_port(port: int, seconds: float = 45) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {port}")


def nginx_conf(work: Path, media: Path, static: Path) -> str:
    """deploy/nginx.conf with this test's ports and paths (and nothing else) put in."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = {
        "listen 80": f"listen {NGINX_PORT}",
        "server 127.0.0.1:8001;": f"server 127.0.0.1:{APP_PORTS[0]};",
        "server 127.0.0.1:8002;": f"server 127.0.0.1:{APP_PORTS[1]};",
        "/srv/loudi/var/static/": f"{static}/",
        "/srv/loudi/var/media/": f"{media}/",
        "/var/cache/nginx/loudi": str(work / "cache"),
        "/run/loudi-nginx.pid": str(work / "nginx.pid"),
        "/var/log/nginx/loudi-error.log": str(work / "error.log"),
        "/var/log/nginx/loudi-access.log": str(work / "access.log"),
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx.conf no longer has {old!r}: update this test and docs/deployment.md"
        text = text.replace(old, new)
    temp = "\n".join(
        f"    {name}_temp_path {work / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return text.replace("http {\n", "http {\n" + temp + "\n", 1)


@pytest.fixture
def production(tmp_path_factory):
    """Redis, two gunicorn servers on the test database and nginx in front; yields a request function."""
    work = Path(tempfile.mkdtemp(prefix="loudi-nginx-"))
    work.chmod(0o755)  # nginx's workers run as an unprivileged user and read media and static from here
    media = Path(settings.MEDIA_ROOT)
    static = work / "static"  # STATIC_ROOT = VAR_DIR/static, filled by collectstatic as a release does
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        database_url = database_url.replace("@", f":{db['PASSWORD']}@", 1)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "BEHIND_PROXY": "1",
        "PROXY_COUNT": "1",
        "SENDFILE_NGINX": "1",
        "SECURE_HTTPS": "1",
        "SITE_URL": f"https://{HOST}",
        "ALLOWED_HOSTS": HOST,
        "MEDIA_ROOT": str(media),
        "VAR_DIR": str(work),
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "4",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    processes = [
        subprocess.Popen(
            [REDIS, "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
    ]
    for port in APP_PORTS:
        log = open(work / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed with the process)
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "loudi_portal.wsgi:application",
                    "-c",
                    "gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--access-logfile",
                    str(work / f"access-{port}.log"),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    (work / "nginx.conf").write_text(nginx_conf(work, media, static))
    check = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    processes.append(subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-g", "daemon off;"]))
    try:
        for port in (REDIS_PORT, *APP_PORTS, NGINX_PORT):
            wait_for_port(port)

        def request(method, path, *, client="203.0.113.7", proto="https", host=HOST, headers=None, body=None):
            conn = http.client.HTTPConnection("127.0.0.1", NGINX_PORT, timeout=20)
            sent = {"Host": host, "X-Forwarded-For": client, "X-Forwarded-Proto": proto, **(headers or {})}
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            response.body = response.read()
            conn.close()
            return response

        request.work = work
        yield request
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM if process is not processes[-1] else signal.SIGQUIT)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in sorted(work.glob("*.log")):  # shown by pytest when the test failed
            print(f"--- {log.name}", log.read_text(errors="replace")[-3000:], sep="\n", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)


def cookies_of(response) -> dict:
    jar = {}
    for header in response.msg.get_all("Set-Cookie") or []:
        name, _sep, rest = header.partition("=")
        jar[name] = (rest.split(";", 1)[0], header)
    return jar


def csrf_from(response) -> tuple[str, str]:
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.body).group(1).decode()
    return token, cookies_of(response)["csrftoken"][0]


def test_the_production_shape_through_nginx(production, editor, reviewer):
    from axes.models import AccessAttempt

    from disclosure.models import Category, Notice, NoticeAttachment
    from loudi_portal import publishing
    from loudi_portal.models import BureauProfile
    from tests.conftest import _load_demo

    if not BureauProfile.objects.exists():  # an earlier transactional test flushed the session's demo
        _load_demo()
    request = production

    # An unknown Host is refused: nginx closes the connection without an answer.
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        request("GET", "/", host="localhost:6666")

    # Plain http from the TLS proxy: redirected to https on SITE_URL's host.
    response = request("GET", "/about/", proto="http")
    assert response.status == 301 and response.getheader("Location") == f"https://{HOST}/about/"

    # A public page: the first answer from gunicorn, the next ones from nginx's micro-cache.
    first = request("GET", "/about/")
    assert first.status == 200 and "public" in first.getheader("Cache-Control")
    assert first.getheader("X-Cache-Status") in ("MISS", "EXPIRED")
    again = request("GET", "/about/")
    assert again.status == 200 and again.getheader("X-Cache-Status") == "HIT" and again.body == first.body
    assert "gzip" not in (again.getheader("Content-Encoding") or "")
    zipped = request("GET", "/about/", headers={"Accept-Encoding": "gzip"})
    assert zipped.getheader("Content-Encoding") == "gzip" and len(zipped.body) < len(first.body) / 2

    # A page with a form (a CSRF cookie and token: personal) is never cached, and sets a secure cookie.
    for _ in range(2):
        form = request("GET", "/apply/")
        assert form.status == 200 and form.getheader("X-Cache-Status") != "HIT"
        assert "no-store" in form.getheader("Cache-Control")
    assert "Secure" in cookies_of(form)["csrftoken"][1]
    # A signed-in reader with a session cookie bypasses the cache even on a cached public page.
    staff = request("GET", "/about/", headers={"Cookie": "sessionid=abc"})
    assert staff.getheader("X-Cache-Status") == "BYPASS"

    # Static files: served by nginx with a year's caching.
    hashed = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', first.body).group(1).decode()
    css = request("GET", hashed, headers={"Accept-Encoding": "gzip"})
    assert css.status == 200 and "max-age=31536000" in css.getheader("Cache-Control")
    assert css.getheader("Content-Encoding") == "gzip"

    # Attachments: a published notice's file comes through its view's check, sent by nginx; a
    # draft's is 404; the internal location and /media/ answer nothing.
    category = Category.objects.get(slug="announcements")
    draft = publishing.create_draft(
        model=Notice, by=editor, title="草稿附件测试通知", category=category, body="<p>x</p>"
    )
    notice = publishing.create_draft(
        model=Notice, by=editor, title="公开附件测试通知", category=category, body="<p>x</p>"
    )
    notice = publishing.submit(record=notice, by=editor)
    public = publishing.publish(record=notice, by=reviewer, revision=notice.revision)
    files = {}
    for owner in (draft, public):
        attachment = NoticeAttachment(
            notice=owner, file=SimpleUploadedFile("检查方案.pdf", PDF), kind="PDF", size=len(PDF)
        )
        attachment.save()
        files[owner.pk] = attachment
    got = request("GET", files[public.pk].get_absolute_url())
    assert got.status == 200 and got.body == PDF
    assert "attachment" in got.getheader("Content-Disposition") and got.getheader("X-Accel-Redirect") is None
    assert request("GET", files[draft.pk].get_absolute_url()).status == 404
    stored = files[public.pk].file.name
    assert request("GET", f"/_protected/{stored}").status == 404
    assert request("GET", f"/media/{stored}").status == 404

    # The client's address reaches axes: failed logins are recorded for the address the TLS
    # proxy reported (not nginx's 127.0.0.1, not a forged left-most entry).
    for attempt in range(2):
        login = request("GET", "/admin/login/", client="198.51.100.23")
        token, cookie = csrf_from(login)
        request(
            "POST", "/admin/login/", client=f"10.9.9.{attempt}, 198.51.100.23",
            headers={"Cookie": f"csrftoken={cookie}", "Referer": f"https://{HOST}/admin/login/",
                     "Content-Type": "application/x-www-form-urlencoded"},
            body=f"csrfmiddlewaretoken={token}&username={editor.username}&password=wrong&next=/admin/",
        )  # fmt: skip
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.23"}

    # The rate limits count per client across both app servers (in Redis): the 31st post of the
    # request form from one address in an hour is refused, another address is not.
    form = request("GET", "/apply/", client="198.51.100.50")
    token, cookie = csrf_from(form)
    headers = {
        "Cookie": f"csrftoken={cookie}", "Referer": f"https://{HOST}/apply/",
        "Content-Type": "application/x-www-form-urlencoded",
    }  # fmt: skip
    statuses = [
        request("POST", "/apply/", client="198.51.100.50", headers=headers, body=f"csrfmiddlewaretoken={token}").status
        for _ in range(31)
    ]
    assert statuses[:30] == [400] * 30 and statuses[30] == 429
    other = request("POST", "/apply/", client="198.51.100.51", headers=headers, body=f"csrfmiddlewaretoken={token}")
    assert other.status == 400
    served = [len((request.work / f"access-{port}.log").read_text().splitlines()) for port in APP_PORTS]
    assert all(count > 5 for count in served), f"both app servers answer: {served}"
