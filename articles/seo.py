"""Canonical URLs and schema.org structured data for search engines."""

from django.urls import reverse
from django.utils import timezone

from clinic.info import clinic_info
from clinic.jsonld import json_ld
from clinic.links import absolute_url


def _person(reviewer, request, *, name=None, credentials=None):
    return {
        "@type": "Person",
        "name": name or reviewer.name,
        "honorificSuffix": credentials or reviewer.credentials,
        "jobTitle": reviewer.specialty,
        "url": absolute_url(request, reviewer.get_absolute_url()),
    }


def post_structured_data(request, post, content, approval, topics):
    """
    The page's schema.org data. `content` is the version shown; the review
    fields come from `approval` alone (None: no review claim at all).
    """
    url = absolute_url(request, post.get_absolute_url())
    home = absolute_url(request, "/")
    primary = topics[0] if topics else None
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "headline": content.title,
        "name": content.page_title,
        "description": content.page_description,
        "inLanguage": "en",
        "author": {"@type": "Person", "name": post.author_name},
        "publisher": clinic_info().as_schema(home),
        "datePublished": post.published_at.isoformat() if post.published_at else None,
    }
    if approval is not None:
        page["dateModified"] = approval.approved_at.isoformat()
        page["reviewedBy"] = _person(
            approval.reviewer,
            request,
            name=approval.reviewer_name,
            credentials=approval.credentials,
        )
        page["lastReviewed"] = timezone.localdate(approval.approved_at).isoformat()
    if topics:
        page["about"] = [{"@type": "MedicalCondition", "name": t.name} for t in topics]
    if content.lead_image:
        page["image"] = absolute_url(request, content.lead_image["url"])
    crumbs = [
        ("Home", home),
        ("Articles", absolute_url(request, reverse("articles:list"))),
    ]
    if primary:
        crumbs.append((primary.name, absolute_url(request, primary.get_absolute_url())))
    crumbs.append((content.title, url))
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
