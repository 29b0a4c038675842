"""The clinic's offices: address, phone, opening hours and time zone."""

import zoneinfo

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from phonenumber_field.validators import validate_international_phonenumber

from locations.hours import business_deadline, hours_summary, time_label


def validate_time_zone(value):
    """A name from the IANA time zone database, such as America/New_York."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "%(value)s is not a time zone name (for example America/New_York).",
            code="invalid_time_zone",
            params={"value": value},
        )


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class LocationQuerySet(models.QuerySet):
    def listed(self):
        """Every location in the order the site shows them, hours included."""
        return self.order_by("order", "name").prefetch_related("opening_hours")


class Location(models.Model):
    name = models.CharField(
        max_length=120,
        help_text="The office's name as patients know it, e.g. the town or "
        "neighbourhood (“Maple Hollow”).",
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the page's address: /locations/<slug>/. "
        "Changing it breaks links to the old address.",
    )
    street = models.CharField(
        max_length=200, help_text="Street and number, with the suite or floor."
    )
    city = models.CharField(max_length=100, help_text="Town or city.")
    region = models.CharField(
        max_length=100, blank=True, help_text="State or region, e.g. NJ."
    )
    postal_code = models.CharField(
        max_length=20, blank=True, help_text="ZIP or postal code."
    )
    country = models.CharField(
        max_length=2,
        default="US",
        help_text="Two-letter country code (ISO 3166), e.g. US. Phone numbers "
        "without a +country prefix are read as this country's.",
    )
    phone = models.CharField(
        max_length=32,
        validators=[validate_international_phonenumber],
        help_text="The office's phone number patients call, e.g. +1 201 555 0142 "
        "(stored in international form).",
    )
    time_zone = models.CharField(
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text="The office's time zone (IANA name, e.g. America/New_York); its "
        "opening hours are in this zone.",
    )
    accepts_new_patients = models.BooleanField(
        default=True,
        help_text="Untick when this office cannot take new patients for now; its "
        "page says so.",
    )
    order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Lower numbers come first. The first location is the clinic's "
        "main one: its address and phone appear in the header and footer.",
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:detail", kwargs={"slug": self.slug})

    def clean(self):
        """Keep the phone number in international (E.164) form."""
        if self.phone:
            try:
                parsed = phonenumbers.parse(self.phone, self.country or None)
            except phonenumbers.NumberParseException:
                return  # the field's validator explains
            if phonenumbers.is_valid_number(parsed):
                self.phone = phonenumbers.format_number(
                    parsed, phonenumbers.PhoneNumberFormat.E164
                )

    @property
    def phone_display(self):
        try:
            parsed = phonenumbers.parse(self.phone, self.country or None)
        except phonenumbers.NumberParseException:
            return self.phone
        return phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.NATIONAL
        )

    @property
    def tel_href(self):
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def address_line(self):
        tail = " ".join(part for part in (self.region, self.postal_code) if part)
        return ", ".join(part for part in (self.street, self.city, tail) if part)

    def week(self):
        """The location's opening hours, Monday first (prefetched by listed())."""
        return sorted(self.opening_hours.all(), key=lambda row: row.weekday)

    @property
    def hours_summary(self):
        return hours_summary((r.weekday, r.opens, r.closes) for r in self.week())

    def business_deadline(self, start, minutes):
        """When `minutes` of this office's opening time have passed since
        `start` (locations.hours.business_deadline)."""
        return business_deadline(
            start,
            minutes,
            [(r.weekday, r.opens, r.closes) for r in self.week()],
            zoneinfo.ZoneInfo(self.time_zone),
        )

    def week_table(self):
        """(day name, opening hours or None) for all seven days, Monday first."""
        by_day = {row.weekday: row for row in self.week()}
        return [(day.label, by_day.get(day.value)) for day in Weekday]


class OpeningHours(models.Model):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices, help_text="The day of the week."
    )
    opens = models.TimeField(help_text="Opening time, in the location's time zone.")
    closes = models.TimeField(
        help_text="Closing time, later than the opening time, same day."
    )

    class Meta:
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        ordering = ["location", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "weekday"], name="one_opening_hours_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="closes_after_opens",
                violation_error_message="The closing time must be after the "
                "opening time.",
                violation_error_code="closes_before_opens",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def label(self):
        """ "8 am – 6 pm"."""
        return f"{time_label(self.opens)} – {time_label(self.closes)}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {
                    "closes": ValidationError(
                        "The closing time must be after the opening time.",
                        code="closes_before_opens",
                    )
                }
            )
