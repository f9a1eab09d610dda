"""A material's blank form is downloaded through the guide: only while the guide is public,
under its original name; staff who may preview the guide get it in every state."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import Material
from loudi_portal.publishing import Status

from .factories import published, service

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
NAME = ("危险化学品经营许可证申请书空白表格申请人填写后连同其他材料一并提交至政务服务中心应急管理窗口" * 2)[
    :85
] + ".pdf"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def guide_in(state):
    svc = service(status=Status.DRAFT)
    if state == "pending":
        svc.status = Status.PENDING
        svc.save()
    elif state == "scheduled":
        published(svc, on=timezone.localdate() + timezone.timedelta(days=3))
    elif state in ("published", "withdrawn"):
        published(svc)
    if state == "withdrawn":
        svc.status, svc.withdrawn_at, svc.withdrawal_reason = Status.WITHDRAWN, timezone.now(), "事项已取消"
        svc.save()
    material = Material.objects.get(service=svc, position=1)
    material.template = SimpleUploadedFile(NAME, PDF)
    material.save()
    return material


STATES = ["draft", "pending", "scheduled", "published", "withdrawn"]


@pytest.mark.parametrize("state", STATES)
def test_the_public_gets_a_template_only_while_its_guide_is_public(client, state):
    material = guide_in(state)
    response = client.get(material.get_template_url())
    assert response.status_code == (200 if state == "published" else 404)


@pytest.mark.parametrize("state", STATES)
def test_staff_who_may_view_guides_get_the_template_in_every_state(client, state):
    material = guide_in(state)
    user = User.objects.create_user("approvals_clerk", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_service"))
    client.force_login(user)
    response = client.get(material.get_template_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_guide_links_the_template_view_and_the_download_keeps_the_long_chinese_name(client):
    material = guide_in("published")
    assert len(NAME.encode()) > 255
    assert "/media/" not in material.template.name and "危险" not in material.template.name
    page = client.get(material.service.get_absolute_url()).content.decode()
    assert material.get_template_url() in page and "/media/" not in page
    response = client.get(material.get_template_url())
    assert quote(NAME) in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_material_without_a_template_has_nothing_to_download(client):
    material = guide_in("published")
    other = Material.objects.get(service=material.service, position=2)
    assert client.get(other.get_template_url()).status_code == 404


@pytest.mark.parametrize(
    ("filename", "content"),
    [("申请表.pdf", b"MZ\x90\x00 a program"), ("申请表.docx", b"%PDF-1.7 not a zip"), ("申请表.xls", PDF)],
)
def test_a_template_whose_content_does_not_match_its_extension_is_refused_and_not_stored(filename, content, settings):
    from django.core.exceptions import ValidationError

    material = Material.objects.get(service=service(), position=1)
    material.template = SimpleUploadedFile(filename, content)
    with pytest.raises(ValidationError) as exc:
        material.full_clean()
    assert "文件内容与扩展名" in " ".join(exc.value.messages)
    assert not settings.MEDIA_ROOT.exists() or not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_a_zip_bomb_template_is_refused_and_not_stored(settings):
    import io
    import zipfile

    from django.core.exceptions import ValidationError

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/media/padding.bin", "w") as member:
            for _ in range(80):
                member.write(b"\0" * (1024 * 1024))
    material = Material.objects.get(service=service(), position=1)
    material.template = SimpleUploadedFile("申请表.docx", buffer.getvalue())
    with pytest.raises(ValidationError) as exc:
        material.full_clean()
    assert "压缩炸弹" in " ".join(exc.value.messages)
    assert not settings.MEDIA_ROOT.exists() or not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))
