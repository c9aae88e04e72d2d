"""An ordered, named, toggleable registry, after markdown-it's ``Ruler``.

Format parsers, normalizer steps and lint rules are each kept in a
:class:`Registry`.  Order matters (earlier parsers claim their blocks first,
normalizer steps run in order), names are stable, and any entry can be disabled,
replaced or moved.  Plugins are plain functions applied with :meth:`Registry.use`.

>>> r = Registry[int]()
>>> r.push("one", 1); r.push("three", 3); r.after("one", "two", 2)
>>> r.names()
['one', 'two', 'three']
>>> r.disable("two"); list(r)
[1, 3]
>>> r.get("four")
Traceback (most recent call last):
  ...
KeyError: "no entry named 'four'; known: one, two, three"
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

import attrs

__all__ = ["Registry"]

T = TypeVar("T")


@attrs.define
class _Entry(Generic[T]):
    name: str
    value: T
    enabled: bool = True


class Registry(Generic[T]):
    """Named values in order; iteration yields the enabled values."""

    def __init__(self) -> None:
        self._entries: list[_Entry[T]] = []

    def __iter__(self) -> Iterator[T]:
        return (e.value for e in self._entries if e.enabled)

    def __len__(self) -> int:
        return sum(1 for e in self._entries if e.enabled)

    def __contains__(self, name: object) -> bool:
        return any(e.name == name for e in self._entries)

    def items(self) -> Iterator[tuple[str, T]]:
        """Enabled (name, value) pairs in order."""
        return ((e.name, e.value) for e in self._entries if e.enabled)

    def names(self, *, enabled_only: bool = False) -> list[str]:
        return [e.name for e in self._entries if e.enabled or not enabled_only]

    def _index(self, name: str) -> int:
        for i, e in enumerate(self._entries):
            if e.name == name:
                return i
        known = ", ".join(e.name for e in self._entries) or "(none)"
        raise KeyError(f"no entry named {name!r}; known: {known}")

    def get(self, name: str) -> T:
        return self._entries[self._index(name)].value

    def _check_new(self, name: str) -> None:
        if name in self:
            raise ValueError(f"an entry named {name!r} already exists; use replace() to change it")

    def push(self, name: str, value: T) -> None:
        """Append ``value`` under ``name``."""
        self._check_new(name)
        self._entries.append(_Entry(name, value))

    def before(self, anchor: str, name: str, value: T) -> None:
        self._check_new(name)
        self._entries.insert(self._index(anchor), _Entry(name, value))

    def after(self, anchor: str, name: str, value: T) -> None:
        self._check_new(name)
        self._entries.insert(self._index(anchor) + 1, _Entry(name, value))

    def replace(self, name: str, value: T) -> None:
        self._entries[self._index(name)].value = value

    def remove(self, name: str) -> None:
        del self._entries[self._index(name)]

    def enable(self, *names: str) -> None:
        for name in names:
            self._entries[self._index(name)].enabled = True

    def disable(self, *names: str) -> None:
        for name in names:
            self._entries[self._index(name)].enabled = False

    def enable_only(self, *names: str) -> None:
        """Enable exactly ``names`` (each must exist) and disable every other entry."""
        for name in names:
            self._index(name)
        for e in self._entries:
            e.enabled = e.name in names

    def use(self, plugin: Callable[..., Any], **options: Any) -> Registry[T]:
        """Apply a plugin: ``plugin(self, **options)``; returns self for chaining."""
        plugin(self, **options)
        return self

    def copy(self) -> Registry[T]:
        new: Registry[T] = Registry()
        new._entries = [attrs.evolve(e) for e in self._entries]
        return new
