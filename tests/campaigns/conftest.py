import pytest

from tests.factories import make_marketing


@pytest.fixture
def marketing(client):
    """A client signed in as Marketing (figures, never a lead's details)."""
    client.force_login(make_marketing())
    return client
