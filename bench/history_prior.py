"""Would a sender's history help the verdict? What a "past pitcher" prior could change, measured.

Run from the repository root:  python -m bench.history_prior

The prior considered is the most that issue 15 allows: for a person with
`--pitches` earlier pitches and no personal item, nudge a verdict towards
pitch, but never turn a personal verdict into pitch (a real note from a past
pitcher must stay personal) and never touch a person seen for the first time.
So only "unsure" verdicts (and, in a looser variant, generic ones) can move.

The seed corpus has no per-person histories, so this takes the upper bound:
every held-out item is treated as coming from a past pitcher. Whatever the
prior could gain or cost is then counted on the held-out seed batches
(whole batches, never trained on) with the shipped model.
"""

from __future__ import annotations

import argparse
from collections import Counter

from triage.model.classify import load_model
from triage.model.corpus import load_corpus, seed_corpus_paths, split_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    _, test = split_corpus(load_corpus(seed_corpus_paths()))
    model = load_model()
    verdicts = model.classify_records(test)
    pairs = Counter((row["label"], v.label) for row, v in zip(test, verdicts))
    truth = Counter(row["label"] for row in test)
    n = len(test)
    print(f"held-out seed items: {n} (personal {truth['personal']}, generic {truth['generic']}, "
          f"pitch {truth['pitch']}); model {model.version}")
    print("true -> verdict counts:", ", ".join(f"{t}->{v} {c}" for (t, v), c in sorted(pairs.items())))

    missed = truth["pitch"] - pairs[("pitch", "pitch")]
    print(f"\npitches the model misses: {missed} of {truth['pitch']}")
    for verdict in ("personal", "generic", "unsure"):
        print(f"  called {verdict:<8} {pairs[('pitch', verdict)]:>3}")
    print(f"  -> reachable without turning a personal verdict into pitch: "
          f"{pairs[('pitch', 'unsure')] + pairs[('pitch', 'generic')]}")

    pitch_leaning = [(row, v) for row, v in zip(test, verdicts)
                     if v.label == "unsure" and v.probabilities.get("pitch", 0) >= v.probabilities.get("generic", 0)]
    gained = sum(row["label"] == "pitch" for row, _ in pitch_leaning)
    print("\nprior A (unsure and pitch-leaning -> pitch, for a past pitcher):")
    print(f"  verdicts changed {len(pitch_leaning)}: right {gained}, wrong {len(pitch_leaning) - gained} "
          f"({', '.join(sorted(row['label'] for row, _ in pitch_leaning if row['label'] != 'pitch')) or 'none'})")
    print(f"  upper bound on the gain: {gained} of {n} items ({gained / n:.2%})")

    generic = [(row, v) for row, v in zip(test, verdicts) if v.label == "generic"]
    print("\nprior B (also generic -> pitch, for a past pitcher):")
    print(f"  generic verdicts {len(generic)}: true pitch {sum(r['label'] == 'pitch' for r, _ in generic)}, "
          f"true generic {sum(r['label'] == 'generic' for r, _ in generic)} (each one a new mistake: "
          f"a template from a past pitcher is still generic)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
