from django.urls import path

from staffauth import views

app_name = "staffauth"
urlpatterns = [
    path("", views.verify, name="verify"),
    path("recovery/", views.verify_recovery, name="recovery"),
    path("setup/", views.setup, name="setup"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
]
