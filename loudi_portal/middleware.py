import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

# How long a reader (or a proxy) should wait before retrying during a database outage.
OUTAGE_RETRY_AFTER = 30


def outage_response() -> HttpResponse:
    """503 服务暂时不可用 with Retry-After, rendered without touching the database.

    No context processors run (they read the bureau's profile from the database),
    and the response is never stored by a cache.
    """
    body = loader.get_template("503.html").render({"retry_after": OUTAGE_RETRY_AFTER})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def is_database_outage(exc) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError))


class DatabaseOutageMiddleware:
    """Answer 503 instead of 500 when the database cannot be reached.

    Django's connection handling recovers by itself: a connection that raised is
    marked unusable and is closed at the end of the request
    (`close_if_unusable_or_obsolete`), so the next request connects afresh. Errors
    raised outside the view (another middleware) reach `views.server_error`,
    which answers the same page for the same errors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=exception)
            return outage_response()
        return None


class SecurityHeadersMiddleware:
    """Add the headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith("/admin/"):
            # Back-office pages carry personal data: never keep them in a shared cache.
            response.headers["Cache-Control"] = "no-store, private"
        return response


class LocaleMiddleware:
    """Activate Chinese unless the reader chose another language explicitly.

    Django's own LocaleMiddleware follows the browser's Accept-Language, which
    would turn Django's built-in texts (admin, form errors) English for a reader
    whose browser is set to English while the portal's own texts stay Chinese.
    Here only the language cookie (set by Django's `set_language` view) switches.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
