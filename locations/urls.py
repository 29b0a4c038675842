from django.urls import path

from locations import views

app_name = "locations"

urlpatterns = [
    path("locations/", views.LocationListView.as_view(), name="list"),
    path("locations/<slug:slug>/", views.LocationDetailView.as_view(), name="detail"),
]
