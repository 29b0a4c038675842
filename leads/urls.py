from django.urls import path

from leads import views

app_name = "leads"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_sent, name="contact-sent"),
    path("privacy/", views.privacy, name="privacy"),
]
