"""Demo “三公” figures for 2017-2019 (budgets and final accounts), entered and published the normal way."""

from decimal import Decimal

from .budget_models import SanGongLine, SanGongStatement
from .budget_services import publish_statement
from .request_demo import demo_loader

# (year, stage): {category: (amount in 元, count, people, explanation)}
FIGURES = {
    (2017, "budget"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("260000", 120, 1150, ""),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("480000", 12, None, ""),
    },
    (2017, "final"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("231500", 104, 980, ""),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("452300", 12, None, ""),
    },
    (2018, "budget"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("240000", 110, 1020, "机构改革后按新的职能和编制测算，并压减一般性接待。"),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("420000", 10, None, "公务用车制度改革后保留车辆减少 2 辆，运行费相应减少。"),
    },
    (2018, "final"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("198600", 92, 860, "严格执行公务接待标准，减少陪餐人数和接待批次。"),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("398700", 10, None, "车辆减少，维修和燃油支出随之下降。"),
    },
    (2019, "budget"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("220000", 100, 940, "继续压减一般性支出。"),
        "vehicle_purchase": ("250000", 1, None, "按规定更新 1 辆应急救援指挥车（原车辆已达报废年限）。"),
        "vehicle_operation": ("380000", 10, None, "执法执勤用车集中管理，运行维护费下调。"),
    },
    (2019, "final"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("176400", 85, 760, "上级检查指导和兄弟单位交流减少，接待批次下降。"),
        "vehicle_purchase": ("238000", 1, None, "购置应急救援指挥车 1 辆，实际成交价低于预算。"),
        "vehicle_operation": ("351200", 10, None, "加强油耗和维修定点管理，支出继续下降。"),
    },
}


def load(*, stdout) -> None:
    if SanGongStatement.objects.exists():
        return
    loader = demo_loader()
    for (year, stage), lines in sorted(FIGURES.items()):
        statement = SanGongStatement.objects.create(
            year=year, stage=stage, note=f"{year} 年度“三公”经费{'预算' if stage == 'budget' else '决算'}（演示数据）。"
        )
        for category, (amount, count, people, explanation) in lines.items():
            SanGongLine.objects.create(
                statement=statement,
                category=category,
                amount=Decimal(amount),
                count=count,
                people=people,
                explanation=explanation,
            )
        publish_statement(statement=statement, by=loader)
    stdout.write("“三公”经费：2017-2019 年预算和决算各 3 份。")
