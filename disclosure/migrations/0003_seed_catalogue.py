"""Seed the disclosure catalogue (政府信息公开目录): the kinds of information the
disclosure regulation (Art. 20) requires this bureau to publish, plus the
bureau's own columns. Staff edit the tree afterwards; this never overwrites.
"""

from django.db import migrations

# (slug, name, parent slug, is_normative, description)
CATALOGUE = [
    ("organisation", "机构职能", None, False, "机构设置、主要职能、领导信息和联系方式。"),
    ("policies", "法规文件", None, False, "本局制发的规范性文件、政策文件及其解读。"),
    ("normative-documents", "规范性文件", "policies", True, "行政规范性文件，标注有效、失效或废止。"),
    ("policy-documents", "政策文件", "policies", False, "本局印发的工作制度、实施方案等政策文件。"),
    ("policy-interpretation", "政策解读", "policies", False, "对重要政策文件的图文解读和答问。"),
    ("plans", "规划计划", None, False, "应急管理和安全生产的发展规划、年度工作计划和总结。"),
    ("enforcement", "行政执法", None, False, "行政许可、行政处罚、行政强制和监督检查信息。"),
    ("licensing", "行政许可", "enforcement", False, "许可事项的依据、条件、程序和办理结果。"),
    ("penalties", "行政处罚与行政强制", "enforcement", False, "处罚和强制的依据、程序及有社会影响的决定。"),
    ("inspections", "安全生产监督检查", "enforcement", False, "“双随机、一公开”抽查计划、专项执法行动和检查结果。"),
    ("emergency", "应急管理", None, False, "应急预案、预警信息、突发事件应对和事故调查。"),
    ("emergency-plans", "应急预案", "emergency", False, "总体预案和专项预案及演练情况。"),
    ("warnings", "预警信息", "emergency", False, "自然灾害和安全生产风险预警、提示。"),
    ("accident-reports", "事故调查报告", "emergency", False, "生产安全事故调查报告和处理结果。"),
    ("finance", "财政信息", None, False, "部门预算决算、“三公”经费、收费和政府采购。"),
    ("budgets", "预算决算", "finance", False, "部门预算、决算及“三公”经费说明。"),
    ("fees", "行政事业性收费", "finance", False, "收费项目、依据和标准。"),
    ("procurement", "政府采购", "finance", False, "采购意向、采购公告和结果。"),
    ("personnel", "人事信息", None, False, "人事任免、招录和考核奖惩信息。"),
    ("announcements", "通知公告", None, False, "面向社会的通知、公告和公示。"),
    ("annual-reports", "政务公开年报", None, False, "每年1月31日前发布的上一年度政府信息公开工作年度报告。"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("disclosure", "Category")
    by_slug = {c.slug: c for c in Category.objects.all()}
    for position, (slug, name, parent, normative, description) in enumerate(CATALOGUE, start=1):
        if slug in by_slug:
            continue
        by_slug[slug] = Category.objects.create(
            slug=slug,
            name=name,
            parent=by_slug.get(parent),
            is_normative=normative,
            description=description,
            position=position * 10,
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
