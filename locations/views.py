from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from clinic.pagecache import cached_page
from locations import seo
from locations.selectors import public_locations


@method_decorator(cached_page, name="get")
class LocationListView(TemplateView):
    template_name = "locations/location_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(locations=public_locations(), **kwargs)


@method_decorator(cached_page, name="get")
class LocationDetailView(TemplateView):
    """One office's page. Read from the cached list every page already uses."""

    template_name = "locations/location_detail.html"

    def get_object(self):
        slug = self.kwargs["slug"]
        location = next((x for x in public_locations() if x.slug == slug), None)
        if location is None:
            raise Http404("No such location")
        return location

    def get_context_data(self, **kwargs):
        location = self.get_object()
        return super().get_context_data(
            location=location,
            structured_data=seo.location_structured_data(self.request, location),
            **kwargs,
        )
