import pytest

from tests.factories import make_front_desk


@pytest.fixture
def desk(client):
    """A client logged in as a front-desk user (the user is `desk.user`)."""
    user = make_front_desk("franco")
    client.force_login(user)
    client.user = user
    return client
