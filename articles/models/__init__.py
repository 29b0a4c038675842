from articles.models.body_images import BodyImage
from articles.models.posts import (
    CARD_FIELDS,
    RESERVED_SLUGS,
    REVIEW_STALE_AFTER,
    Post,
    PostQuerySet,
)
from articles.models.review import (
    Approval,
    PostEvent,
    ReviewReminder,
    validate_review_date,
)
from articles.models.topics_and_reviewers import Reviewer, Topic
from articles.models.versions import version_topics

__all__ = [
    "CARD_FIELDS",
    "RESERVED_SLUGS",
    "REVIEW_STALE_AFTER",
    "Approval",
    "BodyImage",
    "Post",
    "PostEvent",
    "PostQuerySet",
    "ReviewReminder",
    "Reviewer",
    "Topic",
    "validate_review_date",
    "version_topics",
]
