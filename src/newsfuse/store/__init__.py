"""The corpus store: where ingested articles, their originals and run history are kept."""

from newsfuse.store.sqlite import AddResult, Duplicate, Store, utc_now

__all__ = ["AddResult", "Duplicate", "Store", "utc_now"]
