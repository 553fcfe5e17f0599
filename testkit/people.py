"""The fictional people in the kit's mail: who writes, who is written to.

Every person, company and address is invented. `random_person` draws from the
name pools for realistic mailboxes; the named cast (Maria Lopez, Tom Becker,
...) are the senders of the parser fixtures, each with the profile slug and
mutual-connection count the fixture expects back.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from .tokens import seeded

# The owner of the realistic mailboxes (layouts, notifications, mailboxes).
DEFAULT_OWNER = "Sam Carter"
DEFAULT_OWNER_EMAIL = "sam@example.org"
DEFAULT_OWNER_HEADLINE = "Operations Manager at Kestrel Freight"


@dataclass
class Person:
    """A fictional LinkedIn member as a notification shows them.

    `vanity` (the profile slug) and `mutual` stay out of repr: the realistic
    builders seed each mail's random stream from the repr of their arguments,
    so a person's repr is part of every mail's bytes.
    """

    name: str
    headline: str = ""
    location: str = ""
    vanity: str = field(default="", repr=False)      # "" = derived from the name (see `vanity`)
    mutual: int | None = field(default=None, repr=False)

    @property
    def first(self) -> str:
        return first_name(self.name)

    @property
    def profile(self) -> str:
        return f"https://www.linkedin.com/in/{self.vanity or vanity(self.name)}"


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def vanity(name: str) -> str:
    """The person's profile slug: the same in every mail that names them."""
    rng = seeded("vanity", name)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].strip("-") or "member"
    return f"{slug}-{rng.getrandbits(32):08x}"


def random_person(rng: random.Random) -> Person:
    return Person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(HEADLINES),
                  rng.choice(LOCATIONS))


# --------------------------------------------------------------------------- name pools

FIRST_NAMES = (
    "Aisha", "Ben", "Carys", "Dev", "Elena", "Finn", "Grace", "Hamid", "Isla", "Jonah", "Keira", "Luca",
    "Maya", "Niall", "Olu", "Priya", "Quinn", "Rosa", "Samir", "Tess", "Umar", "Vera", "Wes", "Yusuf", "Zoe",
    "Callum", "Freya", "Imogen", "Kofi", "Leona", "Matteo", "Nadia", "Oscar", "Pia", "Rhys", "Sofia",
    "Tobias", "Ines", "Hugo", "Zoë", "Søren", "Aoife", "Łukasz", "Inés", "José",
)
LAST_NAMES = (
    "Ashworth", "Bellamy", "Castell", "Doyle", "Ellery", "Fairbank", "Garside", "Hollis", "Iverson",
    "Jarrow", "Kettering", "Lowther", "Marchetti", "Northcott", "Okafor", "Pennock", "Radley", "Stroud",
    "Tamsett", "Underhill", "Varga", "Whitcombe", "Yardley", "Zeller", "Brannigan", "Coultard", "Dunmore",
    "Halloran", "Mensah", "Quarrie", "Lindqvist", "Fernández", "Nowak", "Brennan", "Schäfer",
)
HEADLINES = (
    "Transport Planner at Severn Port Services",
    "Warehouse Operations Lead | Lean & 5S | Continuous Improvement",
    "Head of Supply Chain at Brightwater Foods",
    "Founder @ RouteWise | Helping fleets cut fuel costs by 18%",
    "Talent Partner at Northbeam Recruitment",
    "Account Executive at CloudLedger",
    "Senior Buyer at Hillcrest Outdoor",
    "Growth | Sales | Leadership",
    "Logistics Coordinator at Cabot Park Distribution",
    "HGV Class 1 Driver",
    "MSc Supply Chain Management student at UWE Bristol",
    "Fleet Manager at Greenway Couriers",
    "I help CTOs cut cloud costs 40% | DM me",
    "Customs Specialist at Portbury Clearance Ltd",
    "Operations Director | Ex-Kestrel Freight | Mentor",
    "Business Development Manager at Palletly",
    "Chartered Accountant | Helping SMEs grow",
    "Health & Safety Advisor (NEBOSH) at Avon Industrial",
    "Podcast host: The Supply Chain Sessions",
    "Partnerships at HiveHost",
    "Data Analyst | Python | Power BI",
    "Procurement Manager at Westcountry Builders",
    "Recruitment Consultant - Logistics & Transport - South West",
    "Keynote speaker | Author | Resilience coach",
)
LOCATIONS = (
    "Bristol, England, United Kingdom", "Bath, England, United Kingdom", "Cardiff, Wales, United Kingdom",
    "Swindon, England, United Kingdom", "London, England, United Kingdom", "Gloucester, England, United Kingdom",
    "Manchester, England, United Kingdom", "Rotterdam, South Holland, Netherlands", "Hamburg, Germany",
    "Lyon, Auvergne-Rhône-Alpes, France", "Madrid, Community of Madrid, Spain", "Austin, Texas, United States",
    "Bengaluru, Karnataka, India", "Lisbon, Portugal", "",
)
COMPANIES = (
    "Severn Port Services", "Brightwater Foods", "Cabot Park Distribution", "Greenway Couriers",
    "Hillcrest Outdoor", "Avon Industrial", "Portbury Clearance", "Westcountry Builders", "Mendip Cold Chain",
    "Blackthorn Retail", "Quayside Parcels", "Fernbrook Logistics",
)
JOB_TITLES = (
    "Operations Manager", "Senior Operations Manager", "Warehouse Manager", "Head of Operations",
    "Transport Manager", "Distribution Centre Manager", "Supply Chain Manager", "Site Lead",
    "Continuous Improvement Manager", "Logistics Operations Manager", "Fulfilment Manager",
)

# --------------------------------------------------------------------------- the fixtures' cast
# Senders of the parser fixtures (testkit.fixtures), writing to Sam Rivera.

MARIA = Person("Maria Lopez", "Product Designer at Brightloom | Design systems", "Lisbon, Portugal", "maria-lopez-bl", 12)
TOM = Person("Tom Becker", "CTO at Kestrel Analytics", "Berlin, Germany", "tom-becker-kestrel", 3)
AISHA = Person("Aisha Okafor", "Engineering Manager at Harbor & Pine", "Manchester, England, United Kingdom", "aisha-okafor", 27)
PRIYA = Person("Priya Nair", "Senior Technical Recruiter at Lumenfield", "Amsterdam, North Holland, Netherlands", "priya-nair-talent")
LUCAS = Person("Lucas Martin", "Développeur backend chez Atelier Nuage", "Lyon, Auvergne-Rhône-Alpes, France", "lucas-martin-nuage", 8)
JANA = Person("Jana Schulz", "Teamleiterin Datenplattform bei Flusswerk GmbH", "Hamburg, Deutschland", "jana-schulz-fw", 5)
DIEGO = Person("Diego Fernández", "Ingeniero de datos en Solaria Tech", "Valencia, Comunidad Valenciana, España", "diego-fernandez-solaria", 14)
BEATRIZ = Person("Beatriz Costa", "Gerente de produto na Maré Digital", "Porto, Portugal", "beatriz-costa-mare", 9)
GIULIA = Person("Giulia Rossi", "Site Reliability Engineer presso Ventoblu", "Torino, Piemonte, Italia", "giulia-rossi-vb", 2)
KENJI = Person("Kenji Watanabe", "Staff Engineer at Orbitals", "Osaka, Japan", "kenji-watanabe-orb", 41)
OLIVIA = Person("Olivia Chen", "Founder at Quillstack", "Toronto, Ontario, Canada", "olivia-chen-qs", 1)
NOAH = Person("Noah Williams", "Growth Lead at Pipeturn | We help SaaS teams 3x pipeline", "Austin, Texas, United States", "noah-williams-pt", 0)
EMMA = Person("Emma Johansson", "Data Scientist at Fjordlight", "Stockholm, Sweden", "emma-johansson-fl", 6)
JOSE = Person("José Martínez", "Arquitecto de soluciones en Nubarron", "Madrid, España", "jose-martinez-nb", 4)
INES = Person("Inês Duarte", "Engenheira de software na Vagalume", "Lisboa, Portugal", "ines-duarte-vl", 7)
CHLOE = Person("Chloé Moreau", "Responsable produit chez Pléiade", "Paris, Île-de-France, France", "chloe-moreau-pl", 19)
FELIX = Person("Felix Wagner", "DevOps Engineer bei Bergquelle AG", "München, Bayern, Deutschland", "felix-wagner-bq", 11)
PYMK = [Person("Hannah Brooks", "Frontend Developer at Tidewater", vanity="hannah-brooks"),
        Person("Omar Haddad", "SRE at Cobalt Grid", vanity="omar-haddad"),
        Person("Lena Vogel", "Product Manager at Mosaikwerk", vanity="lena-vogel"),
        Person("Rafael Souza", "Data Engineer at Ondas", vanity="rafael-souza")]
LENA = Person("Lena Vogel", "Product Manager at Mosaikwerk", vanity="lena-vogel")  # no location, no mutual connections
CARMEN = Person("Carmen Ruiz", "Directora de operaciones en Atlántica Logística", vanity="carmen-ruiz-al", mutual=5)
