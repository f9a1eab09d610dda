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
