"""Draw the sender fields of a new corpus batch before anyone chooses a label.

The seed corpus once let the numbers give the label away (personal notes had a
median of 21 mutual connections, pitches 1): the writers drew the sender to fit
the note. Here the order is reversed. For every slot of a batch this script
draws the kind, the language, the sender's name, headline, location and mutual
connections from one distribution for all labels, and only then a label (and
whether the item should be a hard case), independently. The writer receives the
slots and writes a note that fits the label *and* this sender, whoever it is.

    python tools/draw_senders.py h01-foodtech-claire --out slots.jsonl

Each batch draws from its own seed (the batch name), so a rerun gives the same slots.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from pathlib import Path

# A batch: the mailbox owner and the language mix of what they receive.
PERSONAS: dict[str, dict] = {
    # The second, independent held-out set (never trained on, never used for model choice).
    "h01-foodtech-claire": {"owner": "foodtech-claire", "region": "fr",
                            "langs": {"fr": 0.5, "en": 0.5}},
    "h02-fintech-beatriz": {"owner": "fintech-beatriz", "region": "br",
                            "langs": {"pt": 0.45, "es": 0.15, "en": 0.4}},
    "h03-auto-matthias": {"owner": "auto-matthias", "region": "de",
                          "langs": {"de": 0.45, "it": 0.15, "en": 0.4}},
    "h04-journalist-femke": {"owner": "journalist-femke", "region": "nl",
                             "langs": {"nl": 0.35, "sv": 0.15, "en": 0.5}},
    # New training batches (stereotype-free senders, weighted towards the hard cases).
    "b22-hotel-aisha": {"owner": "hotel-aisha", "region": "ae", "langs": {"en": 0.8, "fr": 0.2}},
    "b23-teacher-siobhan": {"owner": "teacher-siobhan", "region": "ie", "langs": {"en": 1.0}},
    "b24-vc-rohan": {"owner": "vc-rohan", "region": "in", "langs": {"en": 1.0}},
    "b25-ngo-lucia": {"owner": "ngo-lucia", "region": "co", "langs": {"es": 0.55, "en": 0.45}},
    "b26-devrel-mika": {"owner": "devrel-mika", "region": "fi", "langs": {"en": 0.8, "sv": 0.2}},
    "b27-musician-tomas": {"owner": "musician-tomas", "region": "pt", "langs": {"pt": 0.5, "en": 0.5}},
    "b28-dairy-ingrid": {"owner": "dairy-ingrid", "region": "nl", "langs": {"en": 0.6, "nl": 0.2, "de": 0.2}},
    "b29-security-kwame": {"owner": "security-kwame", "region": "gh", "langs": {"en": 0.85, "fr": 0.15}},
    # A second round, weighted towards generic and pitch notes that read as personal.
    "b30-pastry-yasmin": {"owner": "pastry-yasmin", "region": "fr", "langs": {"fr": 0.5, "en": 0.5}},
    "b31-planner-oliver": {"owner": "planner-oliver", "region": "ie", "langs": {"en": 1.0}},
    "b32-biotech-sofia": {"owner": "biotech-sofia", "region": "de", "langs": {"en": 0.5, "de": 0.3, "it": 0.2}},
    "b33-fintech-caio": {"owner": "fintech-caio", "region": "br", "langs": {"pt": 0.4, "es": 0.2, "en": 0.4}},
}

KINDS = {"invitation": 0.55, "message": 0.28, "inmail": 0.17}
LABELS = ("personal", "generic", "pitch")
P_HARD = 0.55

FIRST = {
    "fr": "Camille Théo Manon Lucas Chloé Hugo Léa Julien Inès Mathieu Sarah Antoine Élodie Nicolas Pauline Yanis Margaux Karim Océane Bastien".split(),
    "br": "João Ana Pedro Juliana Rafael Camila Thiago Larissa Bruno Fernanda Gustavo Letícia Diego Bianca Mateus Renata Caio Aline Vinícius Priscila".split(),
    "de": "Lukas Anna Jonas Lea Felix Hannah Tobias Laura Maximilian Julia Florian Katharina Niklas Sophie Jan Miriam Stefan Carina Timo Vanessa".split(),
    "nl": "Daan Sanne Bram Lotte Thijs Fleur Ruben Anouk Jesse Iris Sven Maaike Niels Esmee Joost Noor Wouter Lieke Stijn Roos".split(),
    "it": "Marco Giulia Luca Francesca Matteo Chiara Alessandro Sara Davide Elisa Simone Martina Andrea Valentina Paolo Federica".split(),
    "es": "Alejandro Lucía Javier María Andrés Valentina Sergio Paula Daniel Carmen Felipe Natalia Pablo Sofía Miguel Daniela".split(),
    "sv": "Erik Elin Oskar Maja Gustav Ebba Viktor Klara Axel Linnea Anton Saga".split(),
    "en": "James Emily Daniel Olivia Michael Hannah Chris Megan Ryan Laura Kevin Rachel Tom Jessica Ben Amy Mark Sophie Adam Natalie Josh Kate".split(),
    "in": "Arjun Priya Rahul Ananya Vikram Sneha Karthik Divya Rohit Meera Aditya Kavya Siddharth Pooja Nikhil Ishita".split(),
    "af": "Kofi Ama Kwabena Efua Chidi Ngozi Tunde Aisha Yaw Akosua Emeka Fatou Ibrahim Zainab".split(),
    "ar": "Omar Layla Youssef Noor Hassan Mariam Karim Rania Tariq Salma Ziad Huda".split(),
    "fi": "Mikko Aino Juho Emilia Ville Saara Antti Veera Lauri Oona".split(),
    "pt": "Tiago Inês Rui Beatriz Nuno Catarina Duarte Mariana Gonçalo Rita".split(),
    "co": "Santiago Valeria Camilo Mariana Julián Laura Nicolás Isabela Esteban Manuela".split(),
}
LAST = {
    "fr": "Martin Bernard Moreau Laurent Girard Roux Fontaine Chevalier Mercier Lambert Faure Rousseau Benali Garnier Perrin Marchand".split(),
    "br": "Silva Santos Oliveira Souza Lima Pereira Costa Carvalho Almeida Ribeiro Rocha Barbosa Cardoso Teixeira Moura Nascimento".split(),
    "de": "Müller Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Schäfer Koch Richter Klein Wolf Neumann Braun Zimmermann".split(),
    "nl": "de Jong Jansen de Vries van den Berg Bakker Visser Smit Meijer de Boer Mulder Bos Vos Peters Hendriks van Dijk Dekker".split(),
    "it": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Fontana Moretti".split(),
    "es": "García Rodríguez Martínez López Sánchez Pérez Gómez Díaz Romero Navarro Torres Ramírez Ruiz Vargas Castillo Herrera".split(),
    "sv": "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Lindqvist Berg".split(),
    "en": "Smith Johnson Brown Taylor Wilson Davies Evans Thomas Roberts Walker Wright Thompson Hughes Clarke Hall Turner Collins Murphy".split(),
    "in": "Sharma Iyer Patel Reddy Nair Gupta Menon Rao Kulkarni Desai Bhat Joshi Pillai Mehta".split(),
    "af": "Mensah Owusu Boateng Asante Okafor Adeyemi Diallo Ndiaye Osei Nwosu Abubakar Kamara".split(),
    "ar": "Haddad Khalil Nasser Saleh Mansour Farouk Aziz Hamdan Karam Rahman".split(),
    "fi": "Virtanen Korhonen Mäkinen Nieminen Heikkinen Laine Koskinen Järvinen".split(),
    "pt": "Ferreira Santos Pereira Marques Sousa Gomes Lopes Fernandes Martins Coelho".split(),
    "co": "Ramírez Castro Ospina Restrepo Cardona Gutiérrez Mejía Salazar Zapata Quintero".split(),
}
# Where senders come from, per owner region: mostly near the owner, some from anywhere.
NEAR = {
    "fr": ["Lyon, Auvergne-Rhône-Alpes, France", "Paris, Île-de-France, France", "Villeurbanne, Auvergne-Rhône-Alpes, France",
           "Grenoble, Auvergne-Rhône-Alpes, France", "Marseille, Provence-Alpes-Côte d'Azur, France", "Annecy, Auvergne-Rhône-Alpes, France"],
    "br": ["São Paulo, São Paulo, Brazil", "Campinas, São Paulo, Brazil", "Rio de Janeiro, Rio de Janeiro, Brazil",
           "Belo Horizonte, Minas Gerais, Brazil", "Curitiba, Paraná, Brazil", "Buenos Aires, Argentina"],
    "de": ["Stuttgart, Baden-Württemberg, Germany", "Munich, Bavaria, Germany", "Esslingen am Neckar, Baden-Württemberg, Germany",
           "Karlsruhe, Baden-Württemberg, Germany", "Turin, Piedmont, Italy", "Ingolstadt, Bavaria, Germany"],
    "nl": ["Amsterdam, North Holland, Netherlands", "Rotterdam, South Holland, Netherlands", "Utrecht, Utrecht, Netherlands",
           "Stockholm, Stockholm County, Sweden", "The Hague, South Holland, Netherlands", "Groningen, Netherlands"],
    "ae": ["Dubai, United Arab Emirates", "Abu Dhabi, United Arab Emirates", "Doha, Qatar", "Muscat, Oman"],
    "ie": ["Galway, County Galway, Ireland", "Dublin, County Dublin, Ireland", "Limerick, Ireland", "Cork, County Cork, Ireland"],
    "in": ["Bengaluru, Karnataka, India", "Mumbai, Maharashtra, India", "Hyderabad, Telangana, India", "Pune, Maharashtra, India",
           "Gurugram, Haryana, India"],
    "co": ["Bogotá, Bogotá D.C., Colombia", "Medellín, Antioquia, Colombia", "Cali, Valle del Cauca, Colombia", "Quito, Ecuador",
           "Lima, Peru"],
    "fi": ["Helsinki, Uusimaa, Finland", "Espoo, Uusimaa, Finland", "Tampere, Pirkanmaa, Finland", "Stockholm, Sweden", "Tallinn, Estonia"],
    "pt": ["Lisbon, Portugal", "Porto, Portugal", "Coimbra, Portugal", "Braga, Portugal", "Madrid, Community of Madrid, Spain"],
    "gh": ["Accra, Greater Accra Region, Ghana", "Kumasi, Ashanti Region, Ghana", "Lagos, Lagos State, Nigeria", "Abidjan, Côte d'Ivoire"],
}
FAR = ["London, England, United Kingdom", "New York, New York, United States", "Austin, Texas, United States",
       "Toronto, Ontario, Canada", "Singapore", "Sydney, New South Wales, Australia", "Berlin, Germany", "Barcelona, Catalonia, Spain",
       "Warsaw, Mazowieckie, Poland", "Lagos, Nigeria", "Nairobi County, Kenya", "Karachi, Sindh, Pakistan", "Manila, Philippines",
       "Dhaka, Bangladesh", "Kyiv, Ukraine", "Tel Aviv, Israel", "San Francisco Bay Area", "Cape Town, Western Cape, South Africa",
       "Dublin, Ireland", "Mexico City, Mexico", "Bucharest, Romania", "Lisbon, Portugal", "Remote", ""]
# Names by where they are common; a sender's name region is drawn independently of the label.
NAME_REGIONS = {"fr": ["fr", "fr", "fr", "ar", "af", "en", "it"], "br": ["br", "br", "br", "es", "en", "it"],
                "de": ["de", "de", "de", "it", "en", "fr"], "nl": ["nl", "nl", "sv", "en", "de", "af"],
                "ae": ["ar", "ar", "in", "en", "fr", "af"], "ie": ["en", "en", "en", "in", "fr"],
                "in": ["in", "in", "in", "en", "ar"], "co": ["co", "es", "es", "en", "br"], "fi": ["fi", "fi", "sv", "en", "de"],
                "pt": ["pt", "pt", "br", "es", "en"], "gh": ["af", "af", "af", "en", "fr"]}

# One pool of headlines for everyone: plain titles, salesy self-descriptions, founders and
# coaches, recruiters, students, people between jobs. A pitcher may be a "Nurse"; a friend
# may be "Founder | Coach | Speaker".
HEADLINES = [
    # plain job titles, many trades
    "Software Engineer at Nordlys Labs", "Senior Product Manager", "Operations Manager at Halvard Logistics", "Nurse at Hospital Clínic",
    "Mechanical Design Engineer", "Head of Finance | Viremo GmbH", "Data Analyst", "Teacher", "Chef de cuisine at Le Comptoir Rive",
    "Project Coordinator at Arbor & Lane", "Quality Engineer (Automotive)", "Journalist", "UX Designer", "Accountant at Moerman & Zn",
    "Supply Chain Planner", "Research Assistant at Universidade de Lisboa", "Civil Engineer", "Customer Success Manager at Tilde",
    "Warehouse Supervisor", "Physiotherapist", "Paralegal", "Marketing Coordinator at Pellbrook", "HR Generalist", "Electrician",
    "Store Manager", "Product Designer at Quarto", "Backend Developer (Go, Postgres)", "Graphic Designer", "Pharmacist",
    "Head of Operations at Coop Verde", "Editor at a regional daily", "Policy Officer", "Barista & latte-art trainer", "Sound engineer",
    "Bank teller", "Lab technician", "Architect at Studio Ferro", "Translator (EN/FR/DE)", "Office Manager", "Site Manager",
    # salesy self-descriptions
    "I help SaaS founders scale to $1M ARR | DM me", "Helping B2B teams book 30+ meetings a month", "Growth Hacker | Lead Gen | Outbound",
    "SEO Consultant | Page 1 on Google in 90 days", "Helping coaches get clients on autopilot", "Sales Director EMEA at Pipewise",
    "Account Executive at Cloudmesa", "Business Development Manager | Offshore Development", "Top 1% Real Estate Advisor",
    "Financial Advisor | Wealth Management | Retirement Planning", "Closing deals, opening doors", "Partnerships at Leadforge",
    # founders, coaches, speakers
    "Founder | Coach | Speaker", "Founder & CEO at Brightloop", "Executive Coach (ICF PCC)", "Keynote Speaker | Author | Mentor",
    "Co-founder at a stealth startup", "Podcast host | The Long Table", "Serial entrepreneur", "Life & Business Coach",
    "Founder, Kestrel Studio | Brand strategy", "Author of 'The Quiet Manager'", "Ghostwriter for founders", "Mentor | Angel investor",
    # recruiters
    "Talent Acquisition Partner at Orvane", "Senior Recruiter | Tech & Engineering", "Headhunter | Executive Search",
    "Recruitment Consultant - Engineering & Manufacturing", "Technical Recruiter at Fjell",
    # others
    "Student at TU Delft", "MBA candidate", "Open to work | Operations", "Retired", "Looking for new opportunities", "Freelancer",
    "Volunteer coordinator", "PhD candidate in computational linguistics", "Intern at Vasco & Filhos", "",
    # in the owner's languages
    "Responsable logistique chez Trajets Verts", "Chargée de recrutement", "Fondateur | Coach | Conférencier",
    "Gerente de Produto na Pagora", "Engenheira de Software", "Consultor de Vendas B2B | Ajudo empresas a vender mais",
    "Entwicklungsingenieur bei Kessler Antriebstechnik", "Vertriebsleiter DACH", "Geschäftsführer | Berater | Coach",
    "Redacteur bij Het Parool", "Projectleider Infra", "Ingegnere di processo", "Consulente commerciale",
    "Jefa de proyectos", "Asesor financiero independiente", "Projektledare", "Säljchef Norden",
]


def _rng(batch: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(batch.encode()).digest()[:8], "big"))


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _mutual(rng: random.Random) -> int:
    """Heavy-tailed, the same for every label: a fifth share nobody, a few share hundreds."""
    if rng.random() < 0.2:
        return 0
    return max(0, min(500, int(math.exp(rng.gauss(math.log(12), 1.4)))))


def draw(batch: str, n: int = 100) -> list[dict]:
    persona = PERSONAS[batch]
    rng = _rng(batch)
    region = persona["region"]
    slots = []
    # Labels: a balanced bag, shuffled, so the batch is about a third each.
    labels = [LABELS[i % 3] for i in range(n)]
    sender_draws = []
    for i in range(n):
        name_region = rng.choice(NAME_REGIONS[region])
        name = f"{rng.choice(FIRST[name_region])} {rng.choice(LAST[name_region])}"
        location = rng.choice(NEAR[region]) if rng.random() < 0.7 else rng.choice(FAR)
        sender_draws.append({
            "kind": _weighted(rng, KINDS),
            "lang": _weighted(rng, persona["langs"]),
            "sender_name": name,
            "sender_headline": rng.choice(HEADLINES),
            "sender_location": location,
            "mutual_connections": _mutual(rng),
        })
    # Only now the labels and difficulty, independently of everything above.
    rng.shuffle(labels)
    for i, (fields, label) in enumerate(zip(sender_draws, labels), 1):
        slots.append({"id": f"{batch}-{i:03d}", "batch": batch, "owner": persona["owner"], **fields,
                      "label": label, "difficulty": "hard" if rng.random() < P_HARD else "easy"})
    return slots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", choices=sorted(PERSONAS))
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    lines = "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in draw(args.batch, args.n))
    if args.out:
        args.out.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
