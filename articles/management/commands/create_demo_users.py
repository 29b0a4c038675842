import os

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles.models import Reviewer
from clinic.roles import EDITORS, FRONT_DESK, MARKETING, MEDICAL_REVIEWERS, sync_roles

# Development-only logins, printed on the console by `make run`. The command
# refuses to run with DEBUG off, so these never exist on a production site.
DEMO_USERS = [
    ("editor", "Elena", "Marsh", EDITORS, False, "editor-demo-pass"),
    ("frontdesk", "Franco", "Ruiz", FRONT_DESK, False, "frontdesk-demo-pass"),
    (
        "reviewer",
        "Miriam",
        "Castellane",
        MEDICAL_REVIEWERS,
        False,
        "reviewer-demo-pass",
    ),
    ("marketing", "Marisol", "Okafor", MARKETING, False, "marketing-demo-pass"),
    ("admin", "Ada", "Sterling", None, True, "admin-demo-pass"),
]

DEMO_REVIEWER_PROFILE = "miriam-castellane"


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo logins: an editor, a front-desk user, a medical "
        "reviewer (linked to the demo reviewer profile), marketing and a superuser."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo logins are for development only (DEBUG is off).")
        sync_roles(apps)
        User = get_user_model()
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Demo logins for http://127.0.0.1:{port}/admin/ :")
        for username, first, last, group, superuser, password in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@clinic.example"
            user.is_staff = True
            user.is_superuser = superuser
            user.is_active = True
            user.set_password(password)
            user.save()
            if group:
                user.groups.set([Group.objects.get(name=group)])
            role = group or "superuser"
            self.stdout.write(
                f"  {role:<17} username: {username:<10} password: {password}"
            )
        # The demo reviewer signs as the demo profile of the same clinician
        # (load_demo_content makes it; without it they can review but not sign).
        Reviewer.objects.filter(user__username="reviewer").exclude(
            slug=DEMO_REVIEWER_PROFILE
        ).update(user=None)
        Reviewer.objects.filter(slug=DEMO_REVIEWER_PROFILE).update(
            user=User.objects.get(username="reviewer")
        )
