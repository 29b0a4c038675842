from articles.admin import (  # noqa: F401 (registers)
    body_images,
    posts,
    topics_and_reviewers,
)
