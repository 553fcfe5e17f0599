"""Opening the state database for one account of the config.

Above both the store (the tables) and the people (what a person is), so that
neither imports the other back: a database from before the people is brought
up to date with `people.backfill`, handed to the store here."""

from __future__ import annotations

from .config import Config
from .store import Store


def open_store(config: Config) -> Store:
    """The state database as one account of the config sees it.

    Rows a version-1 database holds (from before accounts) become the first
    account's; the items of a database from before the people are tied to theirs."""
    return Store(config.state_path, account=config.account, legacy_account=config.account_names[0],
                 fill_people=_fill_people)


def _fill_people(store: Store) -> int:
    from .people import backfill   # only for a database from before the people: not on every open
    return backfill(store)
