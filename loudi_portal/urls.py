from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import audit_views, registry, statement_views, views, workday_views
from .absolute import site_url_view

handler400 = "loudi_portal.views.bad_request"
handler403 = "loudi_portal.views.permission_denied"
handler404 = "loudi_portal.views.page_not_found"
handler500 = "loudi_portal.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("sitemap/", views.site_map, name="site-map"),
    path("search/", views.search, name="search"),
    path("font-size/<str:size>/", views.set_font_size, name="font-size"),
    path("care-mode/<str:mode>/", views.set_care_mode, name="care-mode"),
    path("accessibility/", statement_views.accessibility_statement, name="accessibility"),
    path("privacy/", statement_views.privacy_statement, name="privacy"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz/", views.healthz, name="healthz"),
    path("site-badge/", views.site_badge, name="site-badge"),
    path("workdays/", workday_views.deadline_calculator, name="workdays"),
    # A sitemap index; each registered section is paginated (?p=) under its own URL.
    path(
        "sitemap.xml",
        site_url_view(sitemap_views.index),
        {"sitemaps": registry.sitemaps(), "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        site_url_view(sitemap_views.sitemap),
        {"sitemaps": registry.sitemaps()},
        name="sitemap-section",
    ),
    path("data/", audit_views.data_index, name="data"),
    path("data/<slug:key>.<str:fmt>", audit_views.data_download, name="data-download"),
    path("admin/", admin.site.urls),
    path("", include("disclosure.urls")),
    path("", include("inforequests.urls")),
    path("", include("enforcement.urls")),
    path("mine-closures/", include("subsidies.urls")),
    path("", include("approvals.urls")),
    path("", include("interact.urls")),
    path("relief/", include("relief.urls")),
]
