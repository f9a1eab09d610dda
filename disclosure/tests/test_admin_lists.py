"""The notice list in the back office: a year filter that only offers years with notices."""

import pytest
from django.urls import reverse
from django.utils import timezone

from .lifecycle import publish_as

pytestmark = pytest.mark.django_db


def test_the_year_filter_offers_only_years_that_have_notices(client, bureau, make_draft, reviewer, editor):
    publish_as(make_draft(), reviewer)
    client.force_login(editor)
    page = client.get(reverse("admin:disclosure_notice_changelist")).content.decode()
    this_year = timezone.localdate().year
    assert f"?year={this_year}" in page
    assert f"?year={this_year + 1}" not in page and f"?year={this_year - 1}" not in page
