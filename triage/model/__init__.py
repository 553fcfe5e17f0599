"""The model: what it reads, how it decides, how it is trained, and which version is in use.

- features: the text the model reads and the hand-made features (the labeling guide's logic).
- classify: a verified model file turned into verdicts, and the decision policy on its probabilities.
- corpus: the seed corpus, read strictly and split by whole batches.
- evaluation: how a model is judged (reports, hard cases, costs, the held-out figures).
- training: train, compare and save; `python -m triage.model.training` rebuilds models/.
- registry: the user's trained versions beside the state file, and `model_in_use`.
- retrain: `triage train`, the seed corpus plus the user's corrections.
"""
