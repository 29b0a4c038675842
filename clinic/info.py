"""
The clinic's public details, read from settings in one place.

An app may supply some of them from its own data: its config's
`clinic_details(info)` hook (clinic.hooks.SiteAppConfig) returns the ClinicInfo
with its fields replaced (the locations app puts the main location's address,
phone and hours there).
"""

from dataclasses import dataclass
from functools import cache

import phonenumbers
from django.conf import settings

from clinic.hooks import site_configs


@dataclass(frozen=True)
class ClinicInfo:
    name: str
    phone_display: str
    phone_e164: str
    street: str
    city: str
    region: str
    postal_code: str
    country: str
    hours: str
    emergency_number: str

    @property
    def tel_href(self):
        return f"tel:{self.phone_e164}"

    @property
    def address_line(self):
        return f"{self.street}, {self.city}, {self.region} {self.postal_code}"

    def as_schema(self, url=""):
        """The clinic as a schema.org MedicalClinic, for JSON-LD."""
        data = {
            "@type": "MedicalClinic",
            "name": self.name,
            "telephone": self.phone_e164,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street,
                "addressLocality": self.city,
                "addressRegion": self.region,
                "postalCode": self.postal_code,
                "addressCountry": self.country,
            },
        }
        if url:
            data["url"] = url
        return data


@cache
def _build(name, phone, street, city, region, postal_code, country, hours, emergency):
    try:
        parsed = phonenumbers.parse(phone, country)
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        display = phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.NATIONAL
        )
    except phonenumbers.NumberParseException:
        e164 = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
        display = phone
    return ClinicInfo(
        name=name,
        phone_display=display,
        phone_e164=e164,
        street=street,
        city=city,
        region=region,
        postal_code=postal_code,
        country=country,
        hours=hours,
        emergency_number=emergency,
    )


def clinic_info() -> ClinicInfo:
    """The clinic's details: the settings, then each app's clinic_details()."""
    info = _settings_info()
    for config in site_configs():
        info = config.clinic_details(info)
    return info


def _settings_info():
    return _build(
        settings.CLINIC_NAME,
        settings.CLINIC_PHONE,
        settings.CLINIC_STREET,
        settings.CLINIC_CITY,
        settings.CLINIC_REGION,
        settings.CLINIC_POSTAL_CODE,
        settings.CLINIC_COUNTRY,
        settings.CLINIC_HOURS,
        settings.EMERGENCY_NUMBER,
    )
