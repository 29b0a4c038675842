"""One visitor of the contact-form benchmark (bench/leads.py): GET the form,
POST it as a browser would."""

import html
import http.client
import re
import time

from bench.common import CookieClient

GET_ATTEMPTS = 3
THANKS = "/contact/thanks/"
MARKER_DOMAIN = "example.test"

INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
ATTR = re.compile(r'\b(name|value|type)="([^"]*)"', re.IGNORECASE)
TOPIC_OPTION = re.compile(r'<option value="(\d+)"')
MESSAGES = (
    "Lower back pain for three weeks, worse when sitting. Could I get an "
    "appointment next week?",
    "My knee clicks and swells after running. Do you see sports injuries?",
    "Neck stiffness since a car accident last month. What are my options?",
    "Numbness in my right hand at night. Is this something you treat?",
)


class Dropped(Exception):
    """The connection was cut before a complete answer arrived."""


class Browser(CookieClient):
    """One visitor, from an address of its own as it would come through the load
    balancer (TRUSTED_PROXIES=127.0.0.1; only a header, nothing is sent there)."""

    def __init__(self, port, address):
        super().__init__(port)
        self.address = address

    def headers(self):
        return {**super().headers(), "X-Forwarded-For": self.address}

    def request(self, method, path, body=None, headers=None):
        """Returns (status, location, body); raises Dropped or another OSError."""
        try:
            return super().request(method, path, body, headers)
        except (
            ConnectionResetError,  # includes http.client.RemoteDisconnected
            BrokenPipeError,
            ConnectionAbortedError,
            http.client.IncompleteRead,
            http.client.BadStatusLine,
        ) as exc:
            raise Dropped(type(exc).__name__) from exc

    def get_form(self, path):
        status, _, data = self.request("GET", path)
        return status, data.decode("utf-8", "replace")


def hidden_fields(page):
    """The hidden inputs of the page's form (CSRF token, form token, page, ...)."""
    fields = {}
    for tag in INPUT.findall(page):
        attrs = {k.lower(): html.unescape(v) for k, v in ATTR.findall(tag)}
        if attrs.get("type", "").lower() == "hidden" and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


def submission_fields(page, prefix, number):
    """What a person types into the form: unique per submission, always valid."""
    marker = f"{prefix}-{number}@{MARKER_DOMAIN}"
    preferred = ("call", "text", "email")[number % 3]
    topics = TOPIC_OPTION.findall(page)
    fields = hidden_fields(page)
    fields.update(
        name=f"Bench Patient {prefix} {number}",
        # Fictional numbers 201-555-0100 ... 0199 are valid US numbers.
        phone=f"201-555-01{number % 100:02d}" if preferred != "email" else "",
        email=marker,
        preferred_contact=preferred,
        message=f"{MESSAGES[number % len(MESSAGES)]} (ref {prefix}-{number})",
        topic=topics[number % len(topics)] if topics and number % 2 else "",
        consent="on",
        website="",
    )
    return marker, fields


def submit(browser, prefix, number):
    """GET the form, POST it. Returns (marker, outcome, detail, seconds, cut_gets).

    outcome: accepted | error (a 5xx) | dropped (the POST's connection was cut)
    | other (anything else: a 4xx, a timeout, ...).
    """
    path = "/contact/"
    cut_gets = 0
    marker = f"{prefix}-{number}@{MARKER_DOMAIN}"
    for _attempt in range(GET_ATTEMPTS):
        try:
            status, page = browser.get_form(path)
        except Dropped:
            cut_gets += 1  # a browser would load the page again
            continue
        except OSError as exc:
            return marker, "other", f"GET {type(exc).__name__}", None, cut_gets
        break
    else:
        return marker, "other", "GET cut every time", None, cut_gets
    if status >= 500:
        return marker, "error", f"GET HTTP {status}", None, cut_gets
    if status != 200:
        return marker, "other", f"GET HTTP {status}", None, cut_gets
    marker, fields = submission_fields(page, prefix, number)
    began = time.perf_counter()
    try:
        status, location, body = browser.post_form(path, fields)
    except Dropped as exc:
        return marker, "dropped", f"POST {exc}", None, cut_gets
    except OSError as exc:
        return marker, "other", f"POST {type(exc).__name__}", None, cut_gets
    seconds = time.perf_counter() - began
    if status == 303 and location.endswith(THANKS):
        return marker, "accepted", "", seconds, cut_gets
    if status >= 500:
        return marker, "error", f"POST HTTP {status}", seconds, cut_gets
    snippet = re.sub(r"\s+", " ", body.decode("utf-8", "replace"))[:200]
    return (
        marker,
        "other",
        f"POST HTTP {status} {location} {snippet}",
        seconds,
        cut_gets,
    )
