"""triage: sort LinkedIn invitations and messages into personal, generic and pitch."""

__version__ = "0.1.0"
