"""schema.org data for a location's page."""

from django.conf import settings

from clinic.jsonld import json_ld
from clinic.links import absolute_url


def location_schema(request, location):
    """The office as a schema.org MedicalClinic."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": f"{settings.CLINIC_NAME} – {location.name}",
        "url": absolute_url(request, location.get_absolute_url()),
        "telephone": location.tel_href.removeprefix("tel:"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": location.street,
            "addressLocality": location.city,
            "addressRegion": location.region,
            "postalCode": location.postal_code,
            "addressCountry": location.country,
        },
        "isAcceptingNewPatients": location.accepts_new_patients,
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{row.get_weekday_display()}",
                "opens": row.opens.strftime("%H:%M"),
                "closes": row.closes.strftime("%H:%M"),
            }
            for row in location.week()
        ],
        "parentOrganization": {
            "@type": "MedicalOrganization",
            "name": settings.CLINIC_NAME,
            "url": absolute_url(request, "/"),
        },
    }
    return data


def location_structured_data(request, location):
    return json_ld(location_schema(request, location))
