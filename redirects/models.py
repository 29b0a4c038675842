from django.core.exceptions import ValidationError
from django.db import models

from redirects.paths import MAX_LENGTH, address_variants, normalise_path

# The fields holding addresses, and whether each may carry a query string.
ADDRESS_FIELDS = {"old_path": True, "new_path": False}


class RedirectQuerySet(models.QuerySet):
    def first_match(self, addresses):
        """
        (old_path, new_path) of the redirect from the first of `addresses` that
        has one, or None. One query on the unique index, whatever the number of
        addresses.
        """
        found = dict(
            self.filter(old_path__in=addresses).values_list("old_path", "new_path")
        )
        return next(
            ((address, found[address]) for address in addresses if address in found),
            None,
        )


class Redirect(models.Model):
    """An old address on this site that sends visitors on to a new one (301)."""

    old_path = models.CharField(
        "old address",
        max_length=MAX_LENGTH,
        unique=True,
        error_messages={
            "unique": "There is a redirect from this address already: find it in "
            "the list and change it instead."
        },
        help_text="The address that no longer shows a page, starting with “/”: "
        "/articles/old-name/, or /?p=123 for an address of the old WordPress site. "
        "Visitors are sent on only while no page answers there.",
    )
    new_path = models.CharField(
        "new address",
        max_length=MAX_LENGTH,
        db_index=True,
        help_text="Where visitors go instead: a page of this site, starting with "
        "“/”, such as /articles/new-name/. Not a full URL.",
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: why this redirect exists (for staff; visitors never "
        "see it).",
    )
    created_at = models.DateTimeField(
        auto_now_add=True, help_text="When the redirect was added."
    )
    updated_at = models.DateTimeField(
        auto_now=True, help_text="When the redirect last changed."
    )

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def save(self, *args, **kwargs):
        # Code that skips full_clean() still stores addresses in the one form
        # lookups use (and refuses unsafe ones).
        for name in ADDRESS_FIELDS:
            setattr(self, name, self._normalised(name))
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors = {}
        for name in ADDRESS_FIELDS:
            if name in exclude:
                continue
            try:
                setattr(self, name, self._normalised(name))
            except ValidationError as error:
                errors[name] = error.error_list
        try:
            super().clean_fields(exclude=exclude | errors.keys())
        except ValidationError as error:
            errors.update(error.error_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        if self.old_path and self.new_path in address_variants(self.old_path):
            raise ValidationError({"new_path": self_redirect_error()})

    def _normalised(self, name):
        return normalise_path(getattr(self, name), query_allowed=ADDRESS_FIELDS[name])


def self_redirect_error():
    return ValidationError(
        "The new address is the old one (perhaps differing only in the “/” at the "
        "end): visitors would be sent round in a circle. Enter another address.",
        code="self_redirect",
    )
