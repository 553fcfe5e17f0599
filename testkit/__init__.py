"""The test kit: realistic mail, the parser fixtures, and the servers the suite runs against.

Nothing here ships with triage. Tests import it as a package (pytest puts the
repository root on the path, see pyproject.toml); benchmarks run as modules
from the root (`python -m bench.poll`).

Mail, from the people up:
- tokens, people, texts: seeded random streams; who writes and what they write;
  LinkedIn's own wording per language.
- mime: header lines, addresses and quoted-printable bodies as JavaMail writes them.
- layouts: LinkedIn's invitations, messages, InMails, digests and "accepted"
  notices at full size, mercado (2024+) and phoenix (2016).
- notifications: LinkedIn's other mail (job alerts, profile views, ...).
- phishing, malformed: mail that imitates LinkedIn; broken and hostile mail.
- mailboxes: mail that is not LinkedIn's, mixed backlogs, the suite's labeled mailbox.
- compact, catalogue, fixtures: the parser fixtures in tests/fixtures/mail
  (the same kinds drawn small, in six languages) and their expected results.

Servers and helpers: dovecot (a throwaway IMAP server), proxy (one that cuts
the connection on purpose), oauth_server (a tiny OAuth2 server), imap (append,
snapshot, where, write_config).
"""
