"""The demo's 办事指南: every one of the 8 services carries the 事项标准 elements, with real blank forms."""


def test_each_demo_guide_has_codes_elements_and_downloadable_forms(demo, client):
    from approvals.models import Service

    services = list(Service.objects.published().prefetch_related("materials", "intermediaries", "special_steps"))
    assert len(services) == 8
    for service in services:
        service.full_clean()  # 基本编码, 实施编码 valid
        assert service.basic_code and service.implementation_code.endswith(service.basic_code)
        assert service.online_url.startswith("https://")
        assert service.intermediaries.all(), service.code
    assert sum(1 for s in services if s.special_steps.all()) >= 7
    page = client.get("/approvals/yjxk-001/").content.decode()
    assert "安全评价" in page and "下载" in page and "网上办理" in page
    forms = [m for s in services for m in s.materials.all() if m.template]
    assert {m.template_name.rsplit(".", 1)[1] for m in forms} == {"docx", "xlsx", "pdf"}
    for material in forms[:3]:
        response = client.get(material.get_template_url())
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body[:4] in (b"PK\x03\x04", b"%PDF"), material.template_name
