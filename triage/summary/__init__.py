"""The morning summary: one email with the few personal notes to answer first, and a way to correct the rest.

- content: what it says, as plain data (sections of entries, what was learned, counts);
- cleaning: sender text made inert, and the only links it may carry;
- fit: the size budget that keeps Gmail from clipping it;
- text and html (with templates/): the two parts, from the same content;
- compose: all of it as one multipart email (`build_summary`, `Summary`);
- asks: the "Only asks" entry that triage.people hands in (`OnlyAsks`).
"""

from .asks import OnlyAsks
from .cleaning import cap, clean, conversation_url, defang, linkedin_url
from .compose import Summary, build_combined, build_summary
from .content import LearnedCorrection, day_label, plural

__all__ = ["LearnedCorrection", "OnlyAsks", "Summary", "build_combined", "build_summary", "cap", "clean", "conversation_url",
           "day_label", "defang", "linkedin_url", "plural"]
