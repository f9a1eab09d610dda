"""The footer's identity (WEBSITE-STANDARDS.md §2) and the 网站标识码 rule of 机关信息."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from loudi_portal.models import BureauProfile

pytestmark = pytest.mark.django_db


def profile(**fields) -> BureauProfile:
    values = {
        "site_code": "4313000001",
        "icp_record": "湘ICP备12345678号",
        "police_record": "湘公网安备 43130202000123号",
        **fields,
    }
    bureau = BureauProfile(**values)
    bureau.save()
    return bureau


@pytest.mark.parametrize("code", ["4313000001", "4313220012", "4313820003"])
def test_a_loudi_city_or_county_site_code_is_accepted(code):
    profile(site_code=code).full_clean()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("431300001", "10 位数字"),
        ("4313000000（演示）", "10 位数字"),
        ("bm07000001", "10 位数字"),
        ("4301000001", "娄底市或所辖县市区"),  # 长沙市
    ],
)
def test_a_site_code_that_is_not_a_loudi_code_is_refused_in_chinese(code, message):
    with pytest.raises(ValidationError) as refused:
        profile(site_code=code).full_clean()
    assert message in str(refused.value.message_dict["site_code"])


def test_a_police_record_without_its_14_digits_is_refused():
    with pytest.raises(ValidationError) as refused:
        profile(police_record="湘公网安备 4313号").full_clean()
    assert "14 位数字" in str(refused.value.message_dict["police_record"])


def test_the_footer_links_the_icp_and_police_records_to_their_registries(client):
    profile()
    html = client.get("/about/").content.decode()
    assert '<a href="https://beian.miit.gov.cn" rel="noopener">湘ICP备12345678号</a>' in html
    assert 'href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=43130202000123"' in html
    assert "img/police-record" in html
    assert "网站标识码：4313000001" in html


def test_the_footer_names_the_host_and_links_the_governments_above_the_bureau(client):
    profile()
    html = client.get("/").content.decode()
    assert "主办单位：娄底市应急管理局" in html
    for name in ("中国政府网", "湖南省人民政府", "湖南省应急管理厅", "娄底市人民政府"):
        assert name in html
    assert 'href="/sitemap/"' in html


def test_the_party_and_government_site_badge_shows_once_configured(client):
    profile()
    assert "党政机关网站标识" not in client.get("/about/").content.decode()
    profile(conac_url="https://bszs.conac.cn/sitename?method=show&id=ABC123")
    html = client.get("/about/").content.decode()
    assert 'class="conac-badge" href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC123"' in html


def test_a_badge_image_that_is_not_png_or_jpeg_is_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from loudi_portal.identity import validate_badge_image

    validate_badge_image(SimpleUploadedFile("badge.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100))
    with pytest.raises(ValidationError, match="PNG 或 JPEG"):
        validate_badge_image(SimpleUploadedFile("badge.png", b"<svg onload=alert(1)>"))


def test_the_badge_image_is_stored_under_a_generated_name_and_served_from_its_own_url(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    long_name = "娄底市应急管理局党政机关网站标识图片" * 6 + ".png"  # 330 bytes in UTF-8
    assert client.get("/site-badge/").status_code == 404
    bureau = profile(conac_url="https://bszs.conac.cn/sitename?method=show&id=ABC123")
    bureau.conac_badge = SimpleUploadedFile(long_name, png)
    bureau.full_clean()
    bureau.save()
    cache.clear()
    assert bureau.conac_badge.name.startswith("identity/") and long_name not in bureau.conac_badge.name
    assert '<img src="/site-badge/"' in client.get("/about/").content.decode()
    response = client.get("/site-badge/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png
