"""Mail access: the MailClient interface and its backends, and how triage signs in.

- client: the interface the pass, the corrections, the summary and the service use.
- imap, maildir: the two backends; connect: the one a config names.
- errors: MailError and LoginRefused.
- credentials (passwords from the environment, a file or a command), oauth
  (XOAUTH2 sign-in and tokens), providers (Gmail, Microsoft 365... presets),
  tls (certificate-checking contexts, also for SMTP).
"""
