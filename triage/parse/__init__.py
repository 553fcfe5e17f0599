"""Read one raw email into a ParsedMail: which kind of LinkedIn notification it is, who wrote, and their exact words.

Why it is built this way:
- Speed. A mailbox holds years of LinkedIn mail and `email` with policy.default
  costs ~3 ms a message, BeautifulSoup ~6 ms more. So the MIME structure is
  split by hand (the notifications are simple multipart/alternative), only the
  needed parts are decoded with binascii, and the text/plain part is read
  first; the HTML is parsed only when the text part lacks what is needed, and
  then by lxml's parser straight into lines (no tree: ~0.5 ms for 27 KB).
- Robustness. Nothing here raises: mail that cannot be read comes back as
  MAIL_UNPARSEABLE with a one-line reason, and the pass goes on.
- Honesty. When the body of an invitation or message cannot be found the mail
  is unparseable, never an item with an empty text that would read as "no note".

Layouts: see docs/linkedin-email-format.md. Both the 2016 "phoenix" and the
2024+ "mercado" templates reduce to the same line layout (a card: name,
headline, location, "N connections in common"; the person's words; buttons;
a footer), which is what the extractors read. In HTML the card's lines may
stand apart as paragraphs, with the note among them or above the card under a
lead-in (the recipient's name, the sender's name and headline, a date: mail
whose text part a forwarding service dropped); the card lines are then picked
out by what they say and the lead-in is dropped, so the person's words come
out exactly whichever part they were read from. An invitations digest
("You have N new invitations") holds several such cards, split at the text
part's dotted lines or, in the HTML, after each card's buttons; one item per
card, kind "digest", and kind "other" when its cards cannot be read.

The rooms, in the order a mail goes through them:
- mime: headers, MIME parts and charsets; addresses and dates.
- kinds: which notification it is (sender, X-LinkedIn headers, subject).
- document (and markup, for the HTML part): the body as lines and links.
- linkedin: LinkedIn's template facts (domains, default notes, button words,
  sentences, footers, subjects), also read by the classifier's features.
- cards: where a person's card sits and what its lines say.
- extract/: one extractor per kind (invitation, digest, message, inmail,
  accepted, other).
- authenticity: whether a mail that claims to be LinkedIn's really is.
- language: the language a person wrote in.
- reader: `parse_email`, which runs them in that order.
"""

from .reader import ParseOptions, parse_email

__all__ = ["ParseOptions", "parse_email"]
