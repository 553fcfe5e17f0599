"""Regenerate the demo mailbox in triage/demo/ with testkit.

Run from the repository root:  python -m bench.make_demo          (writes the .eml files)
                               python -m bench.make_demo --check  (exit 1 if they are stale)

The mailbox belongs to Sam Carter, operations manager at Kestrel Freight, a
(fictional) logistics firm in Bristol. Every person, company and text is
fictional. EXPECTED says what each mail is meant to be, for reading the demo's
output; the classifier is never told.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from testkit.layouts import accepted_email, digest_email, inmail_email, invitation_email, member_message_email
from testkit.mailboxes import ordinary_email
from testkit.notifications import other_email
from testkit.people import Person
from testkit.phishing import phishing_email

ROOT = Path(__file__).resolve().parent.parent

DEMO_DIR = ROOT / "triage" / "demo"
START = datetime(2026, 1, 12, 7, 42, 10, tzinfo=timezone.utc)   # a Monday morning

CLIVE = Person("Clive Ashdown", "Keynote Speaker | Author of The Resilient Warehouse | Host of Forklift Talk",
               "Birmingham, England, United Kingdom")

# (file stem, what it is meant to be, builder taking the mail's date)
Demo = tuple[str, str, Callable[[datetime], bytes]]

DEMO: list[Demo] = [
    ("invitation-hannah-kowalczyk", "personal", lambda d: invitation_email(
        Person("Hannah Kowalczyk", "Transport Planner at Severn Port Services", "Bristol, England, United Kingdom"),
        "Hi Sam, great to meet you at the Freight Forum at the Watershed on Thursday. Your story about "
        "re-routing the Avonmouth night trunk during the bridge closure was the best part of the evening. "
        "Let's keep in touch!", mutual=18, date=d)),
    ("invitation-marcus-oyelaran", "personal", lambda d: invitation_email(
        Person("Marcus Oyelaran", "Warehouse Supervisor at Cabot Park Distribution",
               "Bristol, England, United Kingdom"),
        "Sam, we're two units down from you on Cabot Park. Thanks for lending us your pallet truck during "
        "the stock count last week, I owe you a coffee!", mutual=6, date=d)),
    ("invitation-greta-lindahl", "personal", lambda d: invitation_email(
        Person("Greta Lindahl", "Supply Chain Analyst at Mendip Cold Chain", "Bath, England, United Kingdom"),
        "Hi Sam, Jess Ortega suggested I get in touch. She said you ran the shared cross-dock pilot in 2024; "
        "could I ask you a couple of questions about how you set up the shift handovers?", mutual=4, date=d)),
    ("inmail-tom-achebe", "personal", lambda d: inmail_email(
        Person("Tom Achebe", "Night Shift Planner at Quayside Parcels", "Bristol, England, United Kingdom"),
        "Would you be a referee for me?",
        "Hi Sam,\n\nI hope you're well! We worked together on the Avonmouth cross-dock project in 2022, when I "
        "was the planner on the night shift and you were running the day side.\n\nI'm applying for chartered "
        "membership of CILT and need a referee who saw my work first-hand. It's a short online form, about ten "
        "minutes. Would you be willing? No worries at all if you're too busy.\n\nThanks,\nTom", date=d)),
    ("invitation-olivia-brandt", "personal", lambda d: invitation_email(
        Person("Olivia Brandt", "Health & Safety Advisor (NEBOSH) at Avon Industrial",
               "Bristol, England, United Kingdom"),
        "It was nice meeting you at the depot open day yesterday, Sam. Thanks for showing us the new "
        "reversing-bay markings.", mutual=9, date=d)),
    ("invitation-declan-moss", "generic", lambda d: invitation_email(
        Person("Declan Moss", "Growth | Sales | Leadership", "Dublin, County Dublin, Ireland"), "", date=d)),
    ("invitation-anjali-mehta", "generic", lambda d: invitation_email(
        Person("Anjali Mehta", "Procurement Manager at Westcountry Builders", "Exeter, England, United Kingdom"),
        "", mutual=2, date=d)),
    ("invitation-robert-fenwick", "generic", lambda d: invitation_email(
        Person("Robert Fenwick", "HGV Class 1 Driver", "Swindon, England, United Kingdom"),
        "I'd like to join your LinkedIn network.", mutual=1, date=d)),
    ("invitation-lucia-moreno", "generic", lambda d: invitation_email(
        Person("Lucia Moreno", "Life Coach | Speaker | Positive Energy", "Málaga, Andalusia, Spain"),
        "It's great connecting with you. How are you? I love connecting with people, hearing their stories and "
        "learning from them.", date=d)),
    ("invitation-victor-hale", "generic", lambda d: invitation_email(
        Person("Victor Hale", "Operations Director | Mentor | Ex-Big Four", "London, England, United Kingdom"),
        "Hi Sam, I came across your profile and was impressed by your experience. Would love to connect.",
        mutual=3, date=d)),
    ("inmail-bradley-quint", "pitch", lambda d: inmail_email(
        Person("Bradley Quint", "Founder at PipelinePro | 30 booked meetings a month for B2B teams",
               "Austin, Texas, United States"),
        "Quick question, Sam",
        "Hi Sam,\n\nI noticed Kestrel Freight is growing its Bristol operation. We help operations leaders like "
        "you book 30 qualified sales meetings a month with our done-for-you outreach service.\n\nCould we grab "
        "15 minutes next week for a quick demo call? Plans start at $999 per month.\n\nBest,\nBradley", date=d)),
    ("invitation-nikhil-varma", "pitch", lambda d: invitation_email(
        Person("Nikhil Varma", "SEO Consultant | Digital Growth for Logistics Brands", "Bengaluru, Karnataka, India"),
        "Hi Sam, we help logistics companies rank #1 on Google. I ran a free audit of your website and found 14 "
        "issues. Can I send you the report and our packages?", date=d)),
    ("invitation-freddie-lang", "pitch", lambda d: invitation_email(
        Person("Freddie Lang", "Account Executive at YardSense", "Manchester, England, United Kingdom"),
        "Loved your post about moving the yard check to 6am! By the way, my team builds yard-management software "
        "that does exactly that automatically. Worth a 15-minute demo next week?", mutual=5, date=d)),
    ("inmail-imani-clarke", "pitch", lambda d: inmail_email(
        Person("Imani Clarke", "Host of The Supply Chain Sessions podcast", "Leeds, England, United Kingdom"),
        "Loved your cross-dock post",
        "Hi Sam,\n\nYour post about the new cross-dock was brilliant, the photo of the colour-coded bays made "
        "my day.\n\nI host The Supply Chain Sessions, a weekly podcast for operations people. Since you clearly "
        "care about this stuff, would you listen to our latest episode and leave a quick rating and review? It "
        "really helps us grow. And if you share it with your network, even better!\n\nCheers,\nImani", date=d)),
    ("invitation-gemma-rowntree", "pitch", lambda d: invitation_email(
        Person("Gemma Rowntree", "Recruitment Consultant - Logistics & Transport - South West",
               "Bristol, England, United Kingdom"),
        "Hi Sam, are you open to new opportunities? I have several operations roles with great packages. Send "
        "me your CV and I'll match you.", mutual=31, date=d)),
    ("message-jess-ortega", "unsure", lambda d: member_message_email(
        Person("Jess Ortega", "Regional Operations Lead at Fernbrook Logistics", "Bristol, England, United Kingdom"),
        date=d)),
    ("message-callum-reid", "unsure", lambda d: member_message_email(
        Person("Callum Reid", "Fleet Manager at Greenway Couriers", "Gloucester, England, United Kingdom"),
        date=d)),
    ("digest-three-invitations", "digest", lambda d: digest_email([
        (Person("Ruth Akande", "Marine Operations Supervisor at Severn Port Services",
                "Bristol, England, United Kingdom"),
         "Sam, lovely to meet you on the port safety walk on Monday. Thanks for the tips on the reversing bays!"),
        (Person("Dmitri Sokolov", "Growth Hacker | B2B Lead Generation", "Limassol, Cyprus"), ""),
        (Person("Paige Whitfield", "Business Coach for Ambitious Leaders", "Cardiff, Wales, United Kingdom"),
         "Let's connect and grow together!"),
    ], date=d)),
    ("accepted-esther-mwangi", "other", lambda d: accepted_email(
        Person("Esther Mwangi", "Customs Specialist at Portbury Clearance", "Bristol, England, United Kingdom"),
        date=d)),
    ("other-job-alert", "other", lambda d: other_email("job_alert", seed=1, date=d)),
    ("other-profile-views", "other", lambda d: other_email("profile_views", seed=1, date=d)),
    ("other-newsletter", "other", lambda d: other_email("newsletter", seed=1, date=d)),
    ("phishing-lookalike-domain", "suspicious", lambda d: phishing_email(
        "lookalike_domain", Person("Sarah Mitchell", "HR Manager"),
        "Hello, please confirm that you know me so I can share the job offer with you.", date=d)),
    ("phishing-credential-harvest", "suspicious", lambda d: phishing_email(
        "credential_harvest", Person("Daniel Price", "Senior Recruiter"),
        "Hi Sam, I have an urgent opportunity for you. Please accept my invitation today.", date=d)),
    ("plain-colleague", "not linkedin", lambda d: ordinary_email(seed=8, date=d)),
    ("plain-receipt", "not linkedin", lambda d: ordinary_email(seed=2, date=d)),
    # A serial pitcher: four asks over two years and never a word about Sam (`triage people`, "Only asks").
    ("invitation-clive-ashdown", "pitch", lambda d: invitation_email(
        CLIVE, "Hi Sam, would love to see you at my Warehouse Leaders Summit in Birmingham. Tickets are £149 "
        "early-bird until Friday, register here and bring your team!", mutual=27,
        date=datetime(2024, 2, 6, 9, 14, 3, tzinfo=timezone.utc))),
    ("message-clive-ashdown-book", "pitch", lambda d: member_message_email(
        CLIVE, "Hi Sam, my book The Resilient Warehouse is out today! Could you buy a copy and leave a five-star "
        "review on Amazon? It would mean the world to me.",
        date=datetime(2024, 9, 17, 16, 2, 41, tzinfo=timezone.utc))),
    ("message-clive-ashdown-referral", "pitch", lambda d: member_message_email(
        CLIVE, "Hi Sam, who runs training at Kestrel Freight? I'd love an introduction to your HR team about "
        "booking my keynote for your next leadership away-day. Happy to pay a referral fee.",
        date=datetime(2025, 5, 20, 11, 37, 9, tzinfo=timezone.utc))),
    ("message-clive-ashdown-podcast", "pitch", lambda d: member_message_email(
        CLIVE, "Sam, quick favour: my new podcast Forklift Talk just launched. Would you give it a listen and "
        "leave a rating and review? Five stars helps us get found!",
        date=datetime(2026, 1, 15, 13, 21, 55, tzinfo=timezone.utc))),
]

EXPECTED = {f"{i:02d}-{stem}.eml": label for i, (stem, label, _) in enumerate(DEMO, start=1)}


def build() -> dict[str, bytes]:
    """File name -> raw mail, spread over one working week (the serial pitcher's over two years)."""
    out: dict[str, bytes] = {}
    for i, (stem, _, make) in enumerate(DEMO, start=1):
        when = START + timedelta(hours=4 * (i - 1), minutes=(i * 37) % 60, seconds=(i * 13) % 60)
        out[f"{i:02d}-{stem}.eml"] = make(when)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    args = parser.parse_args()
    wanted = build()
    present = {p.name: p.read_bytes() for p in DEMO_DIR.glob("*.eml")}
    stale = sorted(n for n in wanted if present.get(n) != wanted[n]) + sorted(set(present) - set(wanted))
    if args.check:
        for name in stale:
            print(f"stale: {name}")
        return 1 if stale else 0
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    for name in set(present) - set(wanted):
        (DEMO_DIR / name).unlink()
    for name, raw in wanted.items():
        (DEMO_DIR / name).write_bytes(raw)
        print(f"{name:<42} {len(raw):>6} bytes  {EXPECTED[name]}")
    print(f"{len(wanted)} mails in {DEMO_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
