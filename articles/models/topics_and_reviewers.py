from django.conf import settings
from django.db import models
from django.urls import reverse


class Topic(models.Model):
    """A condition or area of the body that posts are grouped under."""

    name = models.CharField(max_length=80, unique=True, help_text="e.g. Sciatica")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the address /topics/<slug>/."
    )
    description = models.TextField(
        blank=True,
        help_text="One or two plain sentences shown at the top of the topic page "
        "and used as its search-engine description.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Reviewer(models.Model):
    """A clinician who medically reviews posts."""

    name = models.CharField(max_length=120, help_text="Full name, e.g. Dana Whitfield")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in the address /reviewers/<slug>/."
    )
    credentials = models.CharField(
        max_length=120, help_text="Degrees and board certifications, e.g. MD, FAAOS"
    )
    specialty = models.CharField(
        max_length=120, help_text="e.g. Orthopedic spine surgery"
    )
    bio = models.TextField(help_text="A short biography in plain text.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewer_profile",
        help_text="The clinician's staff login, in the Medical reviewers group. Only "
        "a superuser links a login to a profile; approvals carry this profile's "
        "name and credentials.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def get_absolute_url(self):
        return reverse("articles:reviewer", kwargs={"slug": self.slug})
