from datetime import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from locations.models import Location, OpeningHours

WEEKDAYS = range(5)
# Entirely made up; the 555-01xx numbers are reserved for fiction. The first is
# the address in the CLINIC_* settings, which migrating already made a location.
DEMO_LOCATIONS = [
    dict(
        slug="maple-hollow",
        name="Maple Hollow",
        street="48 Larkspur Avenue, Suite 200",
        city="Maple Hollow",
        region="NJ",
        postal_code="07999",
        phone="+12015550142",
        order=0,
        hours=[(day, time(8), time(18)) for day in WEEKDAYS],
    ),
    dict(
        slug="birchwood-falls",
        name="Birchwood Falls",
        street="210 Quarry Road",
        city="Birchwood Falls",
        region="NJ",
        postal_code="07998",
        phone="+19735550118",
        order=1,
        hours=[(day, time(7, 30), time(17)) for day in range(4)]
        + [(4, time(7, 30), time(15)), (5, time(9), time(13))],
    ),
    dict(
        slug="harbor-point",
        name="Harbor Point",
        street="9 Ferry Lane, Suite 3",
        city="Harbor Point",
        region="NJ",
        postal_code="07997",
        phone="+17325550167",
        order=2,
        accepts_new_patients=False,
        hours=[(day, time(9), time(17)) for day in range(1, 5)],
    ),
]


class Command(BaseCommand):
    help = (
        "Make sure the three fictional demo locations exist (development only); "
        "one already there with the same slug is left as it is."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo locations are for development only (DEBUG is off)."
            )
        created = 0
        with transaction.atomic():
            for entry in DEMO_LOCATIONS:
                fields = dict(entry)
                hours = fields.pop("hours")
                location, made = Location.objects.get_or_create(
                    slug=fields.pop("slug"),
                    defaults={**fields, "time_zone": "America/New_York"},
                )
                if made:
                    created += 1
                    OpeningHours.objects.bulk_create(
                        OpeningHours(location=location, weekday=d, opens=o, closes=c)
                        for d, o, c in hours
                    )
        self.stdout.write(
            f"Demo locations: {created} created, "
            f"{len(DEMO_LOCATIONS) - created} already there."
        )
