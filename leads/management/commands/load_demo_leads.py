import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Post, Topic
from attribution.models import CallClick, CampaignVisit
from leads.models import Lead, LeadEvent, response_deadlines

# Entirely made up; the 555-01xx numbers are reserved for fiction.
FIRST = ["Avery", "Jordan", "Riley", "Casey", "Morgan", "Quinn", "Harper", "Rowan"]
LAST = ["Thornbury", "Vale", "Ashcombe", "Pryce", "Linwood", "Dunmore", "Kestrel"]
MESSAGES = [
    "My lower back has ached for two weeks, worse when sitting.",
    "Heel pain first thing in the morning. Can someone see me this month?",
    "Numbness in my toes after a long walk. Is this something you treat?",
    "Looking for a second opinion about my knee.",
    "Neck stiffness from desk work; what are my options?",
]
# (source, medium, campaign, click id parameter): the ad campaigns carry the
# click ids their platforms add, so the conversions exports have rows.
SOURCES = [
    ("google", "cpc", "back-pain-search", "gclid"),
    ("google", "cpc", "back-pain-search", "gclid"),
    ("google", "cpc", "spine-clinic-brand", "gbraid"),
    ("bing", "cpc", "spine-specialist", "msclkid"),
    ("newsletter", "email", "sciatica", ""),
    ("", "", "", ""),
    ("social", "cpc", "heel", ""),
]
# Where the leads had got to, and the status path each took there.
PATHS = {
    "new": [],
    "contacted": ["contacted"],
    "booked": ["contacted", "booked"],
    "closed": ["contacted", "booked", "closed"],
    "not_fit": ["contacted", "not_fit"],
}


class Command(BaseCommand):
    help = "Load fictional demo leads and call counts (development only, once)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo leads are for development only (DEBUG is off).")
        if Lead.objects.exists():
            self.stdout.write("Demo leads: leads already exist, nothing loaded.")
            return
        rng = random.Random(7)
        posts = list(Post.objects.published().with_live_version())
        topics = list(Topic.objects.all())
        now = timezone.now()
        with transaction.atomic():
            for i in range(60):
                self.create_lead(i, rng, now, posts, topics)
            for post in posts[:4]:
                CallClick.objects.create(
                    day=timezone.localdate(),
                    page=post.get_absolute_url(),
                    article=post,
                    utm_source="google",
                    utm_campaign="back-pain-search",
                    count=rng.randint(1, 6),
                )
            # Visits that started from the ad campaigns, per day.
            campaigns = {(s, c) for s, _m, c, click in SOURCES if click}
            for day in range(30):
                for source, campaign in sorted(campaigns):
                    CampaignVisit.objects.create(
                        day=timezone.localdate() - timedelta(days=day),
                        utm_source=source,
                        utm_campaign=campaign,
                        count=rng.randint(15, 60),
                    )
        self.stdout.write(self.style.SUCCESS("Demo leads loaded: 60 leads."))

    def create_lead(self, i, rng, now, posts, topics):
        source, medium, campaign, click = SOURCES[i % len(SOURCES)]
        post = rng.choice(posts) if posts and i % 3 else None
        created = now - timedelta(minutes=rng.randint(20, 60 * 24 * 29))
        if i < 3:
            created = now - timedelta(minutes=5 + 12 * i)  # some fresh, one late
        status = "new" if i < 8 else rng.choice(list(PATHS))
        topic = rng.choice(topics) if topics else None
        touch = {"utm_source": source, "utm_medium": medium, "utm_campaign": campaign}
        if click:
            touch[click] = f"demo-{click}-{i:04d}-{rng.getrandbits(40):010x}"
        lead = Lead.objects.create(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            phone=f"+1201555{100 + i:04d}"[:12],
            email=f"demo{i}@example.test" if i % 2 else "",
            preferred_contact="call" if i % 4 else "text",
            message=rng.choice(MESSAGES),
            topic=topic,
            topic_name=topic.name if topic else "",
            consent_version=settings.LEADS_CONSENT_VERSION,
            consented_at=created,
            article=post,
            article_title=post.public_title if post else "",
            source_page=post.get_absolute_url() if post else "/contact/",
            first_touch=touch if source else {},
            last_touch=touch if source else {},
            utm_source=source,
            utm_medium=medium,
            utm_campaign=campaign,
            status=status,
            client_hash=f"demo{i}",
            form_token=f"demo{i}",
            fingerprint=f"demo{i}",
        )
        # The status path in the lead's history, a step every day or so, so
        # reports and the conversions exports read when each outcome happened.
        at = created + timedelta(minutes=rng.randint(4, 90))
        first_contact = at if PATHS[status] else None
        previous = "new"
        for step in PATHS[status]:
            LeadEvent.objects.create(
                lead=lead,
                kind=LeadEvent.Kind.STATUS,
                from_status=previous,
                to_status=step,
                created_at=min(at, now),
            )
            previous = step
            at += timedelta(hours=rng.randint(2, 30))
        booked_on = timezone.localdate(created) + timedelta(days=rng.randint(2, 9))
        # Their response targets count from when they "arrived".
        respond_by, escalate_by = response_deadlines(created, lead.location)
        Lead.objects.filter(pk=lead.pk).update(
            created_at=created,
            respond_by=respond_by,
            escalate_by=escalate_by,
            first_contacted_at=first_contact,
            appointment_on=booked_on if status in ("booked", "closed") else None,
            first_visit_on=min(booked_on, timezone.localdate(now))
            if status == "closed"
            else None,
        )
