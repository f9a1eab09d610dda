from django.urls import path

from . import views

app_name = "subsidies"

urlpatterns = [
    path("", views.closure_list, name="closure-list"),
    path("payments/", views.payment_list, name="payment-list"),
    path("<int:pk>/", views.closure_detail, name="closure-detail"),
]
