import dataclasses

from django.db.models.signals import post_delete, post_save

from clinic import hooks
from clinic.info import ClinicInfo


class LocationsConfig(hooks.SiteAppConfig):
    name = "locations"
    verbose_name = "Locations"

    def clinic_details(self, info: ClinicInfo) -> ClinicInfo:
        """
        The clinic's details (clinic.info) with the main location's address,
        phone and hours in place of the CLINIC_* settings; unchanged while there
        is no location or the database cannot be read (the error page).
        """
        from locations.selectors import main_location

        location = main_location()
        if location is None:
            return info
        return dataclasses.replace(
            info,
            phone_display=location.phone_display,
            phone_e164=location.tel_href.removeprefix("tel:"),
            street=location.street,
            city=location.city,
            region=location.region,
            postal_code=location.postal_code,
            country=location.country,
            # A location whose hours nobody entered yet keeps CLINIC_HOURS.
            hours=location.hours_summary or info.hours,
        )

    def ready(self):
        from clinic.pagecache import clear_on_change
        from locations.models import Location, OpeningHours

        # Every page shows the main location (header, footer); the cached list
        # of locations is kept with the pages and goes with them.
        for model in (Location, OpeningHours):
            post_save.connect(
                clear_on_change, sender=model, dispatch_uid=f"locations-{model}"
            )
            post_delete.connect(
                clear_on_change, sender=model, dispatch_uid=f"locations-del-{model}"
            )
