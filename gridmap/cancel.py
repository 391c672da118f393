"""Long work (printing, importing) stops between steps when the user asks."""


class Cancelled(Exception):
    """The user stopped the work; what it would have changed was left as it was."""
