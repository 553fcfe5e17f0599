"""Unit tests of the IMAP client's choices that the suite's Dovecot cannot show (a fake server object)."""

from __future__ import annotations

from triage.mail.client import InboxState
from triage.mail.imap import GMAIL_LINKEDIN_QUERY, LINKEDIN_CRITERIA, ImapClient


class FakeIMAP:
    def __init__(self, capabilities: tuple[bytes, ...]) -> None:
        self.caps = capabilities
        self.searches: list[list[str]] = []

    def capabilities(self) -> tuple[bytes, ...]:
        return self.caps

    def search(self, criteria: list[str]) -> list[int]:
        self.searches.append(list(criteria))
        return [5, 6] if len(criteria) > 2 else [5, 6, 7]

    def select_folder(self, name: str) -> dict:
        return {}


def client_with(capabilities: tuple[bytes, ...]) -> tuple[ImapClient, FakeIMAP]:
    client = object.__new__(ImapClient)
    fake = FakeIMAP(capabilities)
    client._c, client.host, client.inbox, client.prefilter = fake, "imap.example", "INBOX", True
    client._selected, client._delimiter, client._marks, client._known_folders = "INBOX", "/", None, set()
    return client, fake


def test_gmail_prefilter_uses_x_gm_raw():
    client, fake = client_with((b"IMAP4REV1", b"X-GM-EXT-1"))
    refs, skipped = client.new_refs(4, InboxState(1, 8))
    assert refs == [5, 6] and skipped == 1
    assert fake.searches[0] == ["UID", "5:7", "X-GM-RAW", GMAIL_LINKEDIN_QUERY]


def test_other_servers_use_standard_search_with_an_explicit_upper_bound():
    client, fake = client_with((b"IMAP4REV1",))
    client.new_refs(4, InboxState(1, 8))
    assert fake.searches[0] == ["UID", "5:7", *LINKEDIN_CRITERIA]


def test_nothing_new_sends_no_search():
    client, fake = client_with((b"IMAP4REV1",))
    assert client.new_refs(7, InboxState(1, 8)) == ([], 0)
    assert fake.searches == []


def test_maildir_relocates_between_folders_through_the_shared_primitives(tmp_path):
    import mailbox

    from testkit.layouts import invitation_email
    from testkit.mailboxes import message_id
    from testkit.people import Person
    from triage.mail.client import FLAGGED, SEEN, MailClient
    from triage.mail.maildir import MaildirClient

    raw = invitation_email(Person("Dana Whitlock", "Head of Ops"), "Great to meet you, Sam.")
    client = MaildirClient(tmp_path / "Mail", create=True)
    client.ensure_folder("LinkedIn/Generic")
    client.append(raw, "LinkedIn/Generic")
    assert MaildirClient.relocate is MailClient.relocate          # written once, on the interface
    assert client.relocate(message_id(raw), "LinkedIn/Generic", "", add=[FLAGGED, SEEN])
    assert client.locate(message_id(raw), "LinkedIn/Generic") == []
    [key] = client.locate(message_id(raw), "")
    assert set(mailbox.Maildir(str(tmp_path / "Mail")).get_message(key).get_flags()) == {"F", "S"}
    assert not client.relocate(message_id(raw), "LinkedIn/Generic", "")
    assert not client.supports_idle()
    client.close()
