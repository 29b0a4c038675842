from campaigns.admin import conversions, spend  # noqa: F401 (registers the admin pages)
