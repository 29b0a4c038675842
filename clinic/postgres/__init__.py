"""
Django's PostgreSQL backend with a health check that costs no round trip.

Set as the ENGINE for PostgreSQL in clinic/settings.py.
"""
