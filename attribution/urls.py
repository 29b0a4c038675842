from django.urls import path

from attribution import views

app_name = "attribution"

urlpatterns = [
    path("calls/", views.call_click, name="call-click"),
]
