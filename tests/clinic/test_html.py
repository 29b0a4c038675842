"""Every public page is well-formed HTML that assistive technology can use.

The checker below is the standard library's tokenizer with the rules that matter
here: end tags that match, no parse-error nesting (a block inside a `<p>`, a link
in a link, a form in a form), no repeated attribute or id, references to ids that
exist, `<time datetime>` values HTML accepts, one `<h1>`, and a label for every
control.
"""

import re
from datetime import date, datetime
from html.entities import html5 as NAMED_REFERENCES
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.models import Post, Reviewer, Topic
from clinic.views import server_error
from tests.factories import make_post

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
# A start tag of one of these closes an open <p>; a later </p> is then an error.
CLOSES_P = {
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre",
    "section", "table", "ul",
}  # fmt: skip
BUTTON_SCOPE = {"button", "html", "table", "td", "th", "caption", "object", "template"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
RAW_TEXT = {"script", "style"}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}
# HTML's date, local and global date-and-time, and time strings (seconds optional,
# at most three digits of a fraction).
TIME = r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"
DATETIME = re.compile(
    rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"([T ]{TIME}(Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|{TIME}"
)


class StrictHTML(HTMLParser):
    """Collects the problems of one HTML document in `self.problems`."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.problems = []
        self.stack = []  # open elements: (tag, line)
        self.ids = {}
        self.references = []  # (attribute, id, line)
        self.labels_for = set()
        self.controls = []  # (tag, attributes, inside a <label>, line)
        self.h1_count = 0
        self.saw_doctype = False

    def problem(self, message):
        self.problems.append(f"line {self.getpos()[0]}: {message}")

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.problem(f"doctype should be <!doctype html>, not <!{decl}>")
        self.saw_doctype = True

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.problem(f"<{tag}/> is not a void element; the / is ignored")
        self.start(tag, attrs)

    def start(self, tag, attrs):
        if not self.saw_doctype:
            self.problem("content before <!doctype html>")
            self.saw_doctype = True
        names = [name for name, _ in attrs]
        for name in {n for n in names if names.count(n) > 1}:
            self.problem(f"<{tag}> has the attribute {name} twice")
        attributes = dict(attrs)
        open_tags = [open_tag for open_tag, _ in self.stack]
        self.check_nesting(tag, open_tags)
        if tag == "h1":
            self.h1_count += 1
        line = self.getpos()[0]
        self.note_ids(tag, attributes, line)
        if tag in ("input", "select", "textarea"):
            self.controls.append((tag, attributes, "label" in open_tags, line))
        if tag == "time" and "datetime" in attributes:
            self.check_datetime(attributes["datetime"] or "")

    def check_nesting(self, tag, open_tags):
        """Elements that HTML's parser would not nest where they are."""
        if tag in CLOSES_P and self.in_button_scope("p"):
            self.problem(f"<{tag}> inside <p> closes the paragraph early")
        if tag in HEADINGS and open_tags and open_tags[-1] in HEADINGS:
            self.problem(f"<{tag}> inside <{open_tags[-1]}>")
        if tag in ("a", "form", "label") and tag in open_tags:
            self.problem(f"<{tag}> inside another <{tag}>")

    def note_ids(self, tag, attributes, line):
        """The element's id (checked), and the ids it points to (checked once
        the whole document is read)."""
        if "id" in attributes:
            id_ = attributes["id"]
            if not id_ or any(c.isspace() for c in id_):
                self.problem(f"id {id_!r} is empty or has a space")
            if id_ in self.ids:
                self.problem(f"id {id_!r} is also used on line {self.ids[id_]}")
            self.ids.setdefault(id_, line)
        for name in ("aria-labelledby", "aria-describedby", "aria-controls"):
            for id_ in (attributes.get(name) or "").split():
                self.references.append((name, id_, line))
        href = attributes.get("href") or ""
        if href.startswith("#") and len(href) > 1:
            self.references.append(("href", href[1:], line))
        if tag == "label" and attributes.get("for"):
            self.labels_for.add(attributes["for"])
            self.references.append(("label for", attributes["for"], line))

    def check_datetime(self, value):
        match = DATETIME.fullmatch(value)
        try:
            if not match:
                raise ValueError
            if match["date"]:
                date.fromisoformat(match["date"])
            if "T" in value or " " in value:
                datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            self.problem(f"<time datetime={value!r}> is not a valid HTML date/time")

    def in_button_scope(self, wanted):
        for open_tag, _ in reversed(self.stack):
            if open_tag == wanted:
                return True
            if open_tag in BUTTON_SCOPE:
                return False
        return False

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problem(f"</{tag}>: {tag} has no end tag")
            return
        if not self.stack or self.stack[-1][0] != tag:
            expected = f"</{self.stack[-1][0]}>" if self.stack else "nothing"
            self.problem(f"</{tag}> where {expected} was expected")
            if any(open_tag == tag for open_tag, _ in self.stack):
                while self.stack.pop()[0] != tag:
                    pass
            return
        self.stack.pop()

    def handle_entityref(self, name):
        if f"{name};" not in NAMED_REFERENCES:
            self.problem(f"&{name}; is not a character reference")

    def close(self):
        super().close()
        for tag, line in self.stack:
            self.problems.append(f"line {line}: <{tag}> is never closed")
        for name, id_, line in self.references:
            if id_ not in self.ids:
                self.problems.append(f"line {line}: {name} points to no id {id_!r}")
        for tag, attributes, in_label, line in self.controls:
            if tag == "input" and attributes.get("type") in UNLABELLED_INPUTS:
                continue
            if not (
                in_label
                or attributes.get("id") in self.labels_for
                or attributes.get("aria-label")
                or attributes.get("aria-labelledby")
            ):
                name = attributes.get("name")
                self.problems.append(f"line {line}: <{tag} name={name!r}> has no label")
        if self.h1_count != 1:
            self.problems.append(f"{self.h1_count} <h1> elements, not one")
        if not self.saw_doctype:
            self.problems.append("no <!doctype html>")


def html_problems(html):
    parser = StrictHTML()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p><div>x</div></p>", "<div> inside <p>"),
        ("<p><a href='#a'><a href='#a'>x</a></a></p>", "<a> inside another <a>"),
        ("<div><span>x</div></span>", "</div> where </span> was expected"),
        ("<p id='a'>x</p><p id='a'>y</p>", "id 'a' is also used"),
        ("<p class='a' class='b'>x</p>", "attribute class twice"),
        ("<input name='q'>", "<input name='q'> has no label"),
        ("<label for='q'>Q</label><input id='r' name='q'>", "points to no id 'q'"),
        (
            "<time datetime='2026-01-02T03:04:05.123456+00:00'>x</time>",
            "not a valid HTML date/time",
        ),
        ("<time datetime='2026-02-30'>x</time>", "not a valid HTML date/time"),
        ("<div/>", "not a void element"),
        ("<h1>Again</h1>", "2 <h1> elements"),
        ("<p>&nbsp &bogus; x</p>", "&bogus; is not"),
    ],
)
def test_the_checker_finds_what_it_looks_for(html, problem):
    """Each rule catches a page that breaks it (so a passing page means something)."""
    problems = html_problems(f"<!doctype html><h1>Title</h1>{html}")
    assert any(problem in found for found in problems), problems


@pytest.mark.parametrize(
    "value",
    ["2026-11-30", "2026-11-30T09:05", "2026-11-30T09:05:07-05:00", "09:05:07.123"],
)
def test_the_checker_accepts_valid_times(value):
    page = f'<!doctype html><h1>T</h1><time datetime="{value}">x</time>'
    assert html_problems(page) == []


# The public pages, filled with the demo content.


@pytest.fixture
def site(db):
    call_command("load_demo_content")
    call_command("load_demo_rules")
    make_post("An eleventh article, for a second page of articles")
    post = Post.objects.published().get(slug="low-back-pain-first-days")
    # Changed days after publication: the page shows when it was updated too.
    Post.objects.filter(pk=post.pk).update(updated_at=timezone.now())
    return post


def checker_result(client):
    response = client.get(reverse("checker:start"))
    heel = [["none"], ["heel"], ["months"], ["mornings"], ["no"], ["no"]]
    for step, codes in enumerate(heel):
        state = re.search(r'name="state" value="([^"]+)"', response.content.decode())
        response = client.post(
            reverse("checker:start"),
            {"state": state[1], "step": step, "action": "next", "answer": codes},
        )
    assert b"Conditions people with answers like yours" in response.content
    return response


def checker_red_flag(client):
    response = client.get(reverse("checker:start"))
    state = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    response = client.post(
        reverse("checker:start"),
        {"state": state[1], "step": 0, "action": "next", "answer": ["bladder"]},
    )
    assert b"urgent" in response.content
    return response


def contact_while_the_database_is_down(client):
    from leads.forms import issue_form_token

    def refuse(execute, sql, params, many, context):
        raise OperationalError("could not connect")

    data = {"name": "Ada", "email": "ada@example.test", "preferred_contact": "email"}
    with connection.execute_wrapper(refuse):
        return client.post(
            reverse("leads:contact"),
            {
                **data,
                "message": "Hello",
                "consent": "on",
                "form_token": issue_form_token(),
            },
        )


PAGES = {
    "home": lambda client: client.get(reverse("articles:home")),
    "article list": lambda client: client.get(reverse("articles:list")),
    "article list, page 2": lambda client: client.get(
        reverse("articles:list"), {"page": 2}
    ),
    "article": lambda client: client.get(
        reverse("articles:detail", args=["low-back-pain-first-days"])
    ),
    "topics": lambda client: client.get(reverse("articles:topics")),
    "topic": lambda client: client.get(
        Topic.objects.get(slug="sciatica").get_absolute_url()
    ),
    "reviewer": lambda client: client.get(
        Reviewer.objects.get(slug="owen-pritchard").get_absolute_url()
    ),
    "search": lambda client: client.get(reverse("articles:search")),
    "search with results": lambda client: client.get(
        reverse("articles:search"), {"q": "back pain"}
    ),
    "search without results": lambda client: client.get(
        reverse("articles:search"), {"q": "zebra"}
    ),
    "contact": lambda client: client.get(reverse("leads:contact")),
    "contact with errors": lambda client: client.post(
        reverse("leads:contact"), {"name": "", "consent": ""}
    ),
    "thanks": lambda client: client.get(reverse("leads:contact-sent")),
    "privacy": lambda client: client.get(reverse("leads:privacy")),
    "checker first step": lambda client: client.get(reverse("checker:start")),
    "checker result": checker_result,
    "checker red flag": checker_red_flag,
    "contact, database down": contact_while_the_database_is_down,
    "bad request": lambda client: client.post(
        reverse("leads:contact"),
        b"name=%ff%fe",
        content_type="application/x-www-form-urlencoded",
    ),
    "404": lambda client: client.get("/no-such-page/"),
    "403": lambda client: client.get(reverse("checker:preview", args=[1])),
    "expired form": lambda client: Client(enforce_csrf_checks=True).post(
        reverse("checker:start")
    ),
    "expired contact form": lambda client: Client(enforce_csrf_checks=True).post(
        reverse("leads:contact"), {"name": "Ada"}
    ),
    "500": lambda client: server_error(RequestFactory().get("/")),
}
STATUS = {
    "404": 404,
    "contact with errors": 400,
    "contact, database down": 503,
    "bad request": 400,
    "403": 403,
    "expired form": 403,
    "expired contact form": 403,
    "500": 500,
}


@pytest.mark.parametrize("page", PAGES)
def test_public_page_is_valid_html(client, site, page):
    """No parse errors, no repeated ids, valid <time> values, one <h1>, labels."""
    response = PAGES[page](client)
    assert response.status_code == STATUS.get(page, 200)
    assert response["Content-Type"].startswith("text/html")
    if page.startswith("article list"):
        assert b'class="pagination' in response.content
    assert html_problems(response.content.decode()) == []
