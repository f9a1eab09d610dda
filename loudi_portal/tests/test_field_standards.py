"""The /data/ dictionary names, for every field of every dataset, the standard it comes from."""

import pytest
from django.utils.html import escape

from loudi_portal import registry
from loudi_portal.field_standards import SELF

pytestmark = pytest.mark.django_db


def test_no_field_of_any_dataset_lacks_its_standard():
    missing = [(d.key, c.key) for d in registry.datasets() for c in d.columns if not d.field_standard(c).strip()]
    assert registry.datasets() and missing == []


def test_fields_without_a_standard_say_so_and_dates_name_gb_t_7408():
    by_key = {d.key: d for d in registry.datasets()}
    departments = by_key["departments"]
    assert departments.field_standard(next(c for c in departments.columns if c.key == "id")) == SELF
    for d in registry.datasets():
        for c in d.columns:
            standard = d.field_standard(c)
            assert "本平台字段" not in standard, (d.key, c.key)
            if c.kind in ("date", "datetime"):
                assert "GB/T 7408.1-2023" in standard, (d.key, c.key)


def test_the_data_page_shows_each_fields_standard(client):
    html = client.get("/data/").content.decode()
    assert "依据的标准" in html
    for d in registry.datasets():
        for c in d.columns:
            assert f">{escape(d.field_standard(c))}</td>" in html, (d.key, c.key)
