from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def site_url_is_https(app_configs, **kwargs):
    """QR codes and feeds embed SITE_URL: in production it must be the public https address."""
    if settings.SECURE_HTTPS and not settings.SITE_URL.startswith("https://"):
        return [
            Warning(
                "SITE_URL does not start with https:// although the site is served over HTTPS.",
                hint="Set SITE_URL to the public address, e.g. https://yjj.hnloudi.gov.cn",
                id="loudi_portal.W001",
            )
        ]
    return []
