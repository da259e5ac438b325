"""The public API: every name in ``newsfuse.__all__`` resolves to a real object."""

import newsfuse


def test_every_public_name_resolves():
    for name in newsfuse.__all__:
        assert getattr(newsfuse, name) is not None, name


def test_unknown_attribute_raises_attribute_error():
    import pytest

    with pytest.raises(AttributeError):
        newsfuse.no_such_thing  # noqa: B018
