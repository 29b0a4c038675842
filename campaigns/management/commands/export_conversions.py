"""`manage.py export_conversions --since DATE --platform google|microsoft`."""

import argparse
import os
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from campaigns.conversions import (
    ConversionExportError,
    conversions_export,
    since_problem,
)
from campaigns.models import Platform


def since_date(value):
    """--since: a YYYY-MM-DD date, not in the future."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{value}” is not a date; give it as YYYY-MM-DD."
        ) from None
    if problem := since_problem(day):
        raise argparse.ArgumentTypeError(problem)
    return day


class Command(BaseCommand):
    help = (
        "Write the offline conversions of one ad platform (leads with its click "
        "id that reached an outcome since a date) as its upload CSV. Each "
        "conversion is exported once unless --again. Audited."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            required=True,
            type=since_date,
            help="Conversions reached on or after this date (YYYY-MM-DD, local).",
        )
        parser.add_argument("--platform", required=True, choices=Platform.values)
        parser.add_argument(
            "--again",
            action="store_true",
            help="List conversions exported before as well.",
        )
        parser.add_argument(
            "--output", help="Write the CSV to this file (default: standard output)."
        )

    def handle(self, *args, since, platform, again, output, **options):
        out = None
        if output:
            # Opened before exporting: a file that cannot be written must not
            # leave conversions marked as exported.
            try:
                out = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error}") from None
        try:
            result = conversions_export(platform=platform, since=since, again=again)
        except ConversionExportError as error:
            if out is not None:
                out.close()
                os.remove(output)
            raise CommandError(str(error)) from None
        if out is not None:
            with out:
                out.write(result.csv)
        else:
            self.stdout.write(result.csv, ending="")
        self.stderr.write(
            f"{result.rows} conversions for {platform} since {since:%Y-%m-%d} "
            f"({result.already_exported} skipped: already exported; "
            f"{result.malformed} skipped: malformed click id)"
        )
