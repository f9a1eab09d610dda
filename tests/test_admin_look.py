"""The back office looks like the portal and reads like a list: a tree of 栏目, compact dates,
the red header with the emblem, a 演示站点 banner on demo data, a link to the public page."""

import re

from django.contrib import admin
from django.urls import reverse

from disclosure.models import Category, Notice
from loudi_portal.models import BureauProfile
from loudi_portal.publishing_admin import PublishableAdmin


def _options(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, flags=re.S).group(0)
    return [re.sub(r"<[^>]+>", "", o).strip("\n") for o in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


def test_the_category_choice_of_a_notice_is_the_catalogue_tree(client, editor, demo):
    client.force_login(editor)
    options = _options(client.get(reverse("admin:disclosure_notice_add")).content.decode(), "id_category")
    normative = Category.objects.get(name="规范性文件")
    assert normative.parent.name == "法规文件"
    parent_at = options.index("法规文件")
    child_at = next(i for i, label in enumerate(options) if label.endswith("└ 规范性文件"))
    # The child follows its parent (after its elder siblings), indented below it.
    assert child_at > parent_at
    assert all(label.startswith(("└", "　")) for label in options[parent_at + 1 : child_at + 1])
    assert options[0] == "请选择"


def test_the_category_filter_of_the_notice_list_is_the_tree_too(client, editor, demo):
    client.force_login(editor)
    html = client.get(reverse("admin:disclosure_notice_changelist")).content.decode()
    assert "└ 规范性文件" in html


def test_change_lists_show_compact_dates(client, editor, demo):
    client.force_login(editor)
    html = client.get(reverse("admin:disclosure_notice_changelist")).content.decode()
    cells = re.findall(r'<td class="field-published_at[^"]*">(.*?)</td>', html)
    assert cells and any(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", c) for c in cells), cells[:3]
    assert not any("年" in c for c in cells)
    # Still sortable by the date.
    assert 'class="sortable column-published_at' in html


def test_the_admin_carries_the_portals_colours_emblem_and_demo_banner(client, editor, demo):
    client.force_login(editor)
    profile = BureauProfile.current()
    assert profile.is_demo
    html = client.get("/admin/").content.decode()
    assert "img/emblem" in html and "css/admin.css" in html
    assert 'class="admin-demo-banner"' in html and "演示站点" in html
    assert "<style" not in html and "style=" not in html.split('id="header"')[1].split("</header>")[0]
    profile.is_demo = False
    profile.save()  # as an admin unticks it on 机关信息 (which clears the profile's cache)
    html = client.get("/admin/").content.decode()
    assert "admin-demo-banner" not in html


def test_the_admin_stylesheet_paints_the_header_the_public_red(client, db):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/admin.css"), encoding="utf-8").read()
    site_red = re.search(r"--red: (#[0-9a-f]{6})", open(finders.find("css/site.css"), encoding="utf-8").read()).group(1)
    assert f"--header-bg: {site_red}" in css and f"--primary: {site_red}" in css


def test_the_change_page_of_each_published_record_links_to_its_public_page(client, django_user_model, demo):
    client.force_login(django_user_model.objects.create_superuser("look_superuser"))
    checked = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, PublishableAdmin):
            continue
        record = model._default_manager.filter(status="published").order_by("pk").first()
        if record is None or not record.is_public or not hasattr(record, "get_absolute_url"):
            continue  # a record type with no page of its own (an inspection plan is shown in its register)
        html = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]))
        assert f'href="{record.get_absolute_url()}">查看公开页面</a>' in html.content.decode(), model
        checked.append(model)
    assert Notice in checked and len(checked) >= 4
