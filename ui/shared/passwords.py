"""A shared project's password, kept only where the desktop keeps secrets safe:
the Windows credential store, the macOS keychain, the Secret Service of GNOME
or KDE Wallet (through the ``keyring`` package). Where there is none (no such
service running, or only keyring's fail/null back ends, or a plain-text file
back end such as keyrings.alt's), nothing is kept and the password is asked
each time: the window says so and offers no "remember password"."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from ui.shared.connections import Connection

SERVICE = "gridmap"  # the name the passwords are kept under in the keyring
# The back ends that keep secrets encrypted by the system (module, class): any other is not trusted.
SECURE_BACKENDS = frozenset({
    ("keyring.backends.Windows", "WinVaultKeyring"),
    ("keyring.backends.macOS", "Keyring"),
    ("keyring.backends.SecretService", "Keyring"),
    ("keyring.backends.libsecret", "Keyring"),
    ("keyring.backends.kwallet", "DBusKeyring"),
})


def is_secure(backend: Any) -> bool:
    """Whether ``backend`` (a keyring back end) keeps passwords encrypted by the system; a chain of back ends
    only if each of them does."""
    if backend is None:
        return False
    kind = type(backend)
    if (kind.__module__, kind.__qualname__) == ("keyring.backends.chainer", "ChainerBackend"):
        chained = list(getattr(backend, "backends", ()))
        return bool(chained) and all(is_secure(b) for b in chained)
    return (kind.__module__, kind.__qualname__) in SECURE_BACKENDS


class Passwords:
    """Passwords of shared projects' connections in ``backend`` (a keyring back end); ``secure`` says whether it
    may be used at all (by default: :func:`is_secure`). Every failure of the keyring (locked, refused, gone) is
    taken as "no password kept": the password is then asked."""

    def __init__(self, backend: Any = None, secure: bool | None = None) -> None:
        self.backend = backend
        self.secure = is_secure(backend) if secure is None else (secure and backend is not None)

    @classmethod
    def of_this_desktop(cls) -> Passwords:
        """The desktop's keyring, if it is a secure one."""
        try:
            import keyring

            return cls(keyring.get_keyring())
        except Exception:  # noqa: BLE001 - no keyring package or no back end: nothing is kept, the password is asked
            return cls(None)

    def get(self, connection: Connection) -> str | None:
        if not self.secure:
            return None
        try:
            return self.backend.get_password(SERVICE, connection.key)
        except Exception:  # noqa: BLE001 - a locked or refusing keyring: the password is asked instead
            return None

    def put(self, connection: Connection, password: str) -> bool:
        """Keep ``password`` for ``connection``; False if the keyring would not (nothing is then kept)."""
        if not self.secure or not password:
            return False
        try:
            self.backend.set_password(SERVICE, connection.key, password)
        except Exception:  # noqa: BLE001 - a locked or refusing keyring: the password is asked next time
            return False
        return True

    def forget(self, connection: Connection) -> None:
        if not self.secure:
            return
        with suppress(Exception):  # none was kept (PasswordDeleteError), or the keyring refused: nothing to undo
            self.backend.delete_password(SERVICE, connection.key)
