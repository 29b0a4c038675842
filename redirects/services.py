"""
Writing redirects: the one place their rules live.

- One hop, always: a redirect never leads to an address that redirects again.
  Adding A→B while B→C exists stores A→C; adding B→C rewrites every X→B to X→C.
- No circles: a redirect to its own address, or one whose new address leads
  back to the old one, is refused (ValidationError with code "self_redirect"
  or "loop").
- A page that moves back to an address it had (a→b, then b→a) makes that
  address live again: the redirect from it is removed.
- An address and the same address with or without the slash at the end count
  as one, as they do when a redirect is served.

Writers take a table lock on PostgreSQL, so two editors saving at once cannot
build a circle between them; visitors' lookups are never blocked by it.
"""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from redirects.models import ADDRESS_FIELDS, Redirect, self_redirect_error
from redirects.paths import address_variants, normalise_path

MOVED_NOTE = "Added when the page moved to its new address."
# Following redirects stored before these rules (or written around them) stops
# after this many hops.
_MAX_HOPS = 20


def redirect_validate(*, old_path: str, new_path: str) -> tuple[str, str]:
    """
    (old_path, new_path) as a redirect between them would be stored: both
    normalised, and the new address taken on to where it leads already. Raises
    ValidationError (per field, with codes) for a malformed address, a redirect
    to itself or a circle.
    """
    addresses = {"old_path": old_path, "new_path": new_path}
    errors = {}
    for name, query_allowed in ADDRESS_FIELDS.items():
        try:
            addresses[name] = normalise_path(
                addresses[name], query_allowed=query_allowed
            )
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)
    old, new = addresses["old_path"], addresses["new_path"]
    if new in address_variants(old):
        raise ValidationError({"new_path": self_redirect_error()})
    target, passes_old = _follow(new, stop_at=address_variants(old))
    if passes_old:
        raise ValidationError(
            {
                "new_path": ValidationError(
                    "%(new)s already leads back to %(old)s, so visitors would be "
                    "sent round in a circle. Change or delete that redirect first.",
                    code="loop",
                    params={"new": new, "old": old},
                )
            }
        )
    return old, target


def redirect_create(*, old_path: str, new_path: str, note: str = "") -> Redirect:
    """
    Add a redirect from old_path to new_path (see the module's rules) and return
    it. Adding one that exists already returns it and changes nothing; another
    redirect from the same old address is refused (code "exists").
    """
    with transaction.atomic():
        _lock_redirects()
        old, target = redirect_validate(old_path=old_path, new_path=new_path)
        existing = Redirect.objects.filter(old_path=old).first()
        if existing is not None:
            if existing.new_path == target:
                return existing
            raise _exists_error(existing)
        _lead_on(old, target)
        return Redirect.objects.create(old_path=old, new_path=target, note=note)


def redirect_update(
    *, redirect: Redirect, old_path: str, new_path: str, note: str | None = None
) -> Redirect:
    """Change a redirect's addresses (and its note, unless None), under the same
    rules as adding one."""
    with transaction.atomic():
        _lock_redirects()
        old, target = redirect_validate(old_path=old_path, new_path=new_path)
        existing = Redirect.objects.filter(old_path=old).exclude(pk=redirect.pk)
        if existing.exists():
            raise _exists_error(existing.get())
        _lead_on(old, target)
        redirect.old_path, redirect.new_path = old, target
        if note is not None:
            redirect.note = note
        redirect.save()
        return redirect


def redirect_path_moved(*, old_path: str, new_path: str) -> Redirect | None:
    """
    A page moved from old_path to new_path (a post's slug changed): visitors to
    the old address, and to every address that led to it, go straight to the
    new one, and the new address is a live page again if it once redirected.
    Returns the redirect from old_path, or None when the address did not change.
    """
    with transaction.atomic():
        _lock_redirects()
        old = normalise_path(old_path, query_allowed=True)
        new = normalise_path(new_path, query_allowed=False)
        if new in address_variants(old):
            return None
        # The page answers at its new address now: a redirect from there is
        # stale, and kept it would close a circle (a→b, then b→a).
        Redirect.objects.filter(old_path__in=address_variants(new)).delete()
        _lead_on(old, new)
        redirect, _ = Redirect.objects.update_or_create(
            old_path=old,
            defaults={"new_path": new},
            create_defaults={"new_path": new, "note": MOVED_NOTE},
        )
        return redirect


def _follow(address: str, *, stop_at: Collection[str]) -> tuple[str, bool]:
    """Where visitors to `address` end up, and whether the way passes one of
    `stop_at` (which would make a circle)."""
    seen = {address}
    for _ in range(_MAX_HOPS):
        hop = Redirect.objects.first_match(address_variants(address))
        if hop is None:
            break
        address = hop[1]
        if address in stop_at:
            return address, True
        if address in seen:
            break  # a circle stored before these rules; it does not pass here
        seen.add(address)
    return address, False


def _lead_on(old: str, target: str) -> None:
    """Redirects that led to `old` lead straight to `target` (one hop)."""
    Redirect.objects.filter(new_path__in=address_variants(old)).update(
        new_path=target, updated_at=timezone.now()
    )


def _exists_error(existing: Redirect) -> ValidationError:
    return ValidationError(
        {
            "old_path": ValidationError(
                "%(old)s already redirects to %(new)s. Change that redirect instead.",
                code="exists",
                params={"old": existing.old_path, "new": existing.new_path},
            )
        }
    )


def _lock_redirects() -> None:
    """Let one writer at a time check and change redirects (reads go on)."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Redirect._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")  # noqa: S608
