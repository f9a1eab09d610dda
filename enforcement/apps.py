from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("执法公示")

    def ready(self):
        from . import (
            permissions,  # noqa: F401  (registers the role table)
            public,
        )

        post_migrate.connect(ensure_search_grams, sender=self, dispatch_uid="enforcement.search_grams")
        public.register_all()
        public.connect()  # the yearly report's Table 二 and the obligations board


def ensure_search_grams(sender, using="default", **kwargs) -> None:
    """After every migrate: the penalty table's grams column (a table rebuilt from the models lacks it)."""
    from django.db import connections

    from loudi_portal import gram_search

    from .models import PENALTY_SEARCH_TEXT

    conn = connections[using]
    if "enforcement_penalty" in conn.introspection.table_names():
        gram_search.ensure(conn, "enforcement_penalty", PENALTY_SEARCH_TEXT)
