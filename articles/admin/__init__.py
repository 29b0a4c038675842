from articles.admin import posts, topics_and_reviewers  # noqa: F401 (registers)
