"""The departments of an inspection plan: the lead one is not listed again as a joint one."""

import pytest
from django.core.exceptions import ValidationError

from enforcement.models import InspectionPlan

from . import factories as f

pytestmark = pytest.mark.django_db


def test_a_plan_listing_its_lead_department_among_the_joint_ones_is_refused_with_a_clear_message():
    plan = InspectionPlan(
        **f.plan_fields(lead_department="市市场监督管理局", joint_departments="市交通运输局、市市场监督管理局")
    )
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()
    assert "牵头部门“市市场监督管理局”不能同时列为联合部门" in str(refused.value.message_dict["joint_departments"])


def test_a_plan_with_distinct_lead_and_joint_departments_is_accepted():
    plan = InspectionPlan(
        **f.plan_fields(lead_department="娄底市应急管理局", joint_departments="市交通运输局、市市场监督管理局")
    )
    plan.full_clean()
    assert plan.joint_list() == ["市交通运输局", "市市场监督管理局"]
