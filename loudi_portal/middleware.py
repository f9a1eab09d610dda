from django.conf import settings


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
