"""The shipped model: model.joblib, its card and hash; installed as the package triage.shipped_model."""
