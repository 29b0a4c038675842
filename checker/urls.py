from django.urls import path

from checker import views

app_name = "checker"

urlpatterns = [
    path("condition-checker/", views.condition_checker, name="start"),
    path(
        "condition-checker/preview/<int:preview_pk>/",
        views.condition_checker,
        name="preview",
    ),
]
