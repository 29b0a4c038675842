from campaigns.admin import spend  # noqa: F401 (registers the admin pages)
