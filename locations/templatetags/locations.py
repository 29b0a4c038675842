from django import template

from locations.selectors import public_locations

register = template.Library()


@register.inclusion_tag("locations/includes/footer.html", takes_context=True)
def locations_footer(context):
    """The footer's address lines: the clinic's as before with one location, a
    list of every location with more."""
    locations = public_locations()
    return {
        "clinic": context.get("clinic"),
        "locations": locations if len(locations) > 1 else [],
    }
