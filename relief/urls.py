from django.urls import path

from . import views

app_name = "relief"

urlpatterns = [
    path("losses/", views.loss_list, name="loss-list"),
    path("donations/", views.donation_list, name="donation-list"),
]
