from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("enforcement/", views.index, name="index"),
    path("enforcement/enterprises/", views.enterprise_list, name="enterprise-list"),
    path("enforcement/inspectors/", views.inspector_list, name="inspector-list"),
    path("enforcement/plans/", views.plan_list, name="plan-list"),
    path("enforcement/draws/<int:pk>/", views.draw_detail, name="draw-detail"),
    path("enforcement/draws/<int:pk>/data.json", views.draw_data, name="draw-data"),
    path("enforcement/draws/algorithm/draw.py", views.draw_source, name="draw-source"),
    path("enforcement/inspections/", views.inspection_list, name="inspection-list"),
    path("enforcement/hazards/", views.hazard_list, name="hazard-list"),
    path("enforcement/penalties/", views.penalty_list, name="penalty-list"),
    path("enforcement/closures/", views.closure_list, name="closure-list"),
]
