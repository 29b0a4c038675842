from django.conf import settings

from clinic.net import is_trusted_proxy


class ForwardedProtoFromProxiesMiddleware:
    """
    Drops X-Forwarded-Proto unless the request came from one of TRUSTED_PROXIES,
    so only the load balancer says a request arrived over HTTPS
    (SECURE_PROXY_SSL_HEADER), never a client that reaches the app directly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Adds a Permissions-Policy header that turns off powerful browser features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
