"""Canonical URLs and schema.org structured data for search engines."""

import json

from django.urls import reverse
from django.utils.safestring import mark_safe

from clinic.info import clinic_info
from clinic.links import absolute_url

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """A <script type="application/ld+json"> element, safe to embed in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(
        _JSON_ESCAPES
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _person(reviewer, request):
    return {
        "@type": "Person",
        "name": reviewer.name,
        "honorificSuffix": reviewer.credentials,
        "jobTitle": reviewer.specialty,
        "url": absolute_url(request, reviewer.get_absolute_url()),
    }


def post_structured_data(request, post):
    url = absolute_url(request, post.get_absolute_url())
    home = absolute_url(request, "/")
    topics = list(post.topics.all())
    primary = post.primary_topic
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "headline": post.title,
        "name": post.title,
        "description": post.excerpt,
        "inLanguage": "en",
        "author": {"@type": "Person", "name": post.author_name},
        "publisher": clinic_info().as_schema(home),
        "datePublished": post.published_at.isoformat() if post.published_at else None,
        "dateModified": post.updated_at.isoformat(),
    }
    if post.reviewer:
        page["reviewedBy"] = _person(post.reviewer, request)
    if post.reviewed_on:
        page["lastReviewed"] = post.reviewed_on.isoformat()
    if topics:
        page["about"] = [{"@type": "MedicalCondition", "name": t.name} for t in topics]
    if post.lead_image:
        page["image"] = absolute_url(request, post.lead_image["url"])
    crumbs = [
        ("Home", home),
        ("Articles", absolute_url(request, reverse("articles:list"))),
    ]
    if primary:
        crumbs.append((primary.name, absolute_url(request, primary.get_absolute_url())))
    crumbs.append((post.title, url))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": item}
            for i, (name, item) in enumerate(crumbs, start=1)
        ],
    }
    return json_ld(page) + json_ld(breadcrumbs)


def reviewer_structured_data(request, reviewer):
    person = {"@context": "https://schema.org", **_person(reviewer, request)}
    person["description"] = reviewer.bio
    return json_ld(person)
