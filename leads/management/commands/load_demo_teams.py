from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from leads.models import Team, TeamMember
from locations.models import Location


class Command(BaseCommand):
    help = (
        "Give each location a front-desk team with the demo `frontdesk` user as its "
        "member and lead, so new leads are routed (development only, once)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo teams are for development only (DEBUG is off).")
        if Team.objects.exists():
            self.stdout.write("Demo teams: teams already exist, nothing loaded.")
            return
        desk = get_user_model().objects.filter(username="frontdesk").first()
        if desk is None:
            raise CommandError("Run create_demo_users first (no `frontdesk` user).")
        with transaction.atomic():
            for location in Location.objects.order_by("order", "name"):
                team = Team.objects.create(name=f"{location.name} desk")
                team.locations.add(location)
                TeamMember.objects.create(team=team, user=desk, is_lead=True)
        self.stdout.write(f"Demo teams: {Team.objects.count()} loaded.")
