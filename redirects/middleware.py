from django.http import HttpResponsePermanentRedirect, QueryDict
from django.utils.cache import patch_cache_control

from redirects.models import Redirect
from redirects.paths import address_variants, is_storable, path_key, query_key

# Browsers keep a 301 without a lifetime for good. An address can become a page
# again (a slug typo renamed back): a browser still holding a→b would then go
# round b→a→b, so it is told to ask again after an hour. Search engines treat
# the 301 as permanent all the same.
MAX_AGE = 60 * 60


class RedirectFallbackMiddleware:
    """
    Answers a 404 with a 301 to the new address when a redirect exists for the
    request's address: its path with or without the slash at the end, with its
    query string first (`/?p=12`, an old WordPress address), then without (the
    query string is then passed on, so campaign tags survive the move).

    The home page answers any query string, so WordPress addresses such as
    `/?p=12` would never be a 404: for "/" with a query string the redirect is
    looked up although the page exists. Every other page costs no lookup; a
    404 costs one indexed query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        query = query_key(request.META.get("QUERY_STRING", ""))
        path = path_key(request.path)
        if response.status_code == 404:
            paths = address_variants(path)
            addresses = [f"{each}?{query}" for each in paths] if query else []
            addresses += paths
        elif (
            path == "/"
            and query
            and response.status_code == 200
            and request.method in ("GET", "HEAD")
        ):
            addresses = [f"/?{query}"]
            post_id, rest = _wordpress_post_id(query)
            if post_id and rest:  # "/?p=12&utm_source=x" is /?p=12 too
                addresses.append(f"/?p={post_id}")
        else:
            return response
        addresses = [address for address in addresses if is_storable(address)]
        match = Redirect.objects.first_match(addresses) if addresses else None
        if match is None:
            return response
        old_path, new_path = match
        if new_path in address_variants(path):
            return response  # a stored circle: the page's own 404 is better
        if query and "?" not in old_path:
            new_path = f"{new_path}?{query}"
        elif path == "/" and old_path != f"/?{query}":
            _post_id, rest = _wordpress_post_id(query)
            new_path = f"{new_path}?{rest}" if rest else new_path
        redirect = HttpResponsePermanentRedirect(new_path)
        patch_cache_control(redirect, max_age=MAX_AGE)
        return redirect


def _wordpress_post_id(query):
    """(the `p` of a WordPress address's query string, the rest of it)."""
    params = QueryDict(query, mutable=True)
    post_id = params.pop("p", [""])[-1]
    if not post_id.isdigit():
        return "", query
    return post_id, params.urlencode()
