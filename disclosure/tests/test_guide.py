"""The 政府信息公开指南 page gives every item of 条例 Art. 12."""

import pytest

from loudi_portal.models import BureauProfile

pytestmark = pytest.mark.django_db


def test_the_guide_gives_the_catalogue_the_ways_to_obtain_and_the_offices_contacts(client):
    BureauProfile(
        disclosure_office="娄底市应急管理局办公室",
        address="娄星区长青中街",
        office_hours="工作日 8:30-17:30",
        phone="0738-8000000",
        fax="0738-8000001",
        email="yjj@example.gov.cn",
    ).save()
    response = client.get("/guide/")
    html = response.content.decode()
    assert response.status_code == 200
    for words in ("分类和编排体系", "获取方式", "娄底市应急管理局办公室", "娄星区长青中街", "工作日 8:30-17:30"):
        assert words in html
    for words in ("0738-8000000", "0738-8000001", "yjj@example.gov.cn", 'href="/apply/"'):
        assert words in html
    assert '<meta name="ColumnType" content="信息公开指南">' in html
