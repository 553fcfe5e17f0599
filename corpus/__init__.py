"""The seed corpus, installed as package data so `triage train` works outside a checkout."""
