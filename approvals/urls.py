from django.urls import path

from . import views

app_name = "approvals"

urlpatterns = [
    path("approvals/", views.service_list, name="service-list"),
    path("approvals/track/", views.track, name="track"),
    path("approvals/results/", views.result_list, name="result-list"),
    path("approvals/stats/", views.statistics, name="stats"),
    path("approvals/agencies/", views.agency_list, name="agency-list"),
    path("approvals/agencies/<int:pk>/", views.agency_detail, name="agency-detail"),
    path("approvals/<slug:code>/", views.service_detail, name="service-detail"),
    path("approvals/<slug:code>/materials/<int:pk>/template/", views.material_template, name="material-template"),
]
