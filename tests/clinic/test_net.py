"""Client addresses: X-Forwarded-For is believed only from trusted proxies."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from clinic.net import client_ip, rate_limit_key
from leads.models import AuditEntry

pytestmark = pytest.mark.django_db


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "192.0.2.7"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        # A client that reaches the app directly cannot pick its address.
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),
        ("203.0.113.9", None, "203.0.113.9"),
        # Through the proxy, the right-most address it did not write itself.
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        ("192.0.2.7", "6.6.6.6, 198.51.100.1, 10.0.0.3", "198.51.100.1"),
        ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
        # Nothing usable from the proxy: the proxy's own address.
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
    ],
)
def test_client_address(behind_a_proxy, remote, forwarded, client):
    assert client_ip(request_from(remote, forwarded)) == client


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("10.0.0.2", "198.51.100.1")) == "10.0.0.2"


def test_ipv6_clients_are_rate_limited_by_their_64():
    assert rate_limit_key("2001:db8:1:2::1") == rate_limit_key("2001:db8:1:2:ffff::9")
    assert rate_limit_key("2001:db8:1:2::1") != rate_limit_key("2001:db8:1:3::1")
    assert rate_limit_key("198.51.100.1") != rate_limit_key("198.51.100.2")
    assert rate_limit_key("::ffff:198.51.100.1") == "198.51.100.1"


def test_forged_forwarded_for_does_not_escape_the_login_lockout(settings):
    """8 wrong passwords from one direct client, each claiming another address
    in X-Forwarded-For: it is still locked out, and the audit log would record
    its real address."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.TRUSTED_PROXY_COUNT = 1  # what the old setting allowed: no effect now
    client = Client(REMOTE_ADDR="203.0.113.50")
    url = reverse("admin:login")
    statuses = [
        client.post(
            url,
            {"username": "franco", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(8)
    ]
    assert statuses[-1] in (403, 429)


def test_one_address_trying_many_usernames_is_locked_out(settings):
    client = Client(REMOTE_ADDR="203.0.113.51")
    url = reverse("admin:login")
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": f"user{i}", "password": "wrong"})
    response = client.post(url, {"username": "someone-else", "password": "wrong"})
    assert response.status_code in (403, 429)


def test_audit_log_records_the_real_address_of_a_direct_client(settings):
    from leads.audit import audit_record

    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.TRUSTED_PROXY_COUNT = 1  # what the old setting allowed: no effect now
    request = request_from("203.0.113.9", "198.51.100.1")
    request.user = None
    entry = audit_record(action=AuditEntry.Action.VIEW, leads=[], request=request)
    assert entry.ip_address == "203.0.113.9"


def test_x_forwarded_proto_is_believed_only_from_trusted_proxies(settings):
    """A client that reaches the app directly cannot claim it came over HTTPS."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    from django.http import HttpResponse

    from clinic.middleware import ForwardedProtoFromProxiesMiddleware

    seen = []
    middleware = ForwardedProtoFromProxiesMiddleware(
        lambda request: seen.append(request.is_secure()) or HttpResponse()
    )
    for remote in ("203.0.113.9", "10.0.0.2"):
        middleware(
            RequestFactory().get(
                "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO="https"
            )
        )
    assert seen == [False, True]


def test_ipv6_sign_in_lockout_counts_a_whole_64(settings):
    """Wrong passwords from many addresses of one /64 lock that network out."""
    client_url = reverse("admin:login")
    for i in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"2001:db8:1:2::{i + 1}").post(
            client_url, {"username": f"user{i}", "password": "wrong"}
        )
    response = Client(REMOTE_ADDR="2001:db8:1:2::ff").post(
        client_url, {"username": "someone", "password": "wrong"}
    )
    assert response.status_code in (403, 429)
    other = Client(REMOTE_ADDR="2001:db8:1:3::1").post(
        client_url, {"username": "someone", "password": "wrong"}
    )
    assert other.status_code == 200
