import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    """
    Checks a kept connection before a request uses it by looking at its socket
    instead of sending `SELECT 1` to the server.

    A server that restarts, fails over or ends a session (pg_terminate_backend,
    idle_session_timeout, a pooler going away) closes the connection, and the
    socket of an idle connection then has something to read: the closing notice
    or end of file. An idle connection that is fine has nothing to read, so one
    poll tells the two apart without the round trip Django's own check costs on
    every request that touches the database. A benign message waiting on the
    socket only costs a reconnect.

    What a poll cannot see is a server that vanished without closing anything
    (power loss, a network cut): the TCP keepalives set in clinic/settings.py
    turn that into a socket error within about 25 s. Until then the request's
    first query fails; Django drops the connection afterwards, and a contact
    form submission is sent once more on a new one (leads.services). After an
    error inside a request Django still asks the server (`is_usable`), since
    the connection may then be broken in ways a socket does not show.
    """

    def close_if_health_check_failed(self):
        if (
            self.pool
            or self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
        ):
            return super().close_if_health_check_failed()
        if self.connection.closed or _has_pending_input(self.connection):
            self.close()
        self.health_check_done = True


def _has_pending_input(connection):
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN)
    return bool(poller.poll(0))
