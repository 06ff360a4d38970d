"""Faster constructors for frozen slotted dataclasses built in hot loops (speed only).

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``. ``maker``
builds the record as its mutable twin (the same fields, defaults and slot layout, a plain
``__init__``) and then gives it the frozen class (``__class__`` assignment is allowed between
identical slot layouts): the same object (fields, equality, hash, repr), two to four times faster.
``replacer`` sets the slots through their descriptors. Used where extraction and the geoparser
build many small records per sentence. Neither runs ``__post_init__``: only for classes without one.
"""

from __future__ import annotations

from dataclasses import MISSING, field, fields, make_dataclass
from typing import Any, Callable, TypeVar

__all__ = ["maker", "replacer", "twin"]

T = TypeVar("T")


def _setters(cls: type) -> tuple[list[str], dict[str, Any]]:
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has __post_init__: build it the ordinary way")
    if any(not f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__} has fields outside __init__: build it the ordinary way")
    names = [f.name for f in fields(cls)]
    ns: dict[str, Any] = {"new": object.__new__, "cls": cls}
    for n in names:
        ns[f"set_{n}"] = getattr(cls, n).__set__  # the slot's descriptor
    return names, ns


def twin(cls: type) -> type:
    """A mutable twin of a frozen slots dataclass: the same fields, defaults and slot layout. An
    instance of it that takes ``cls`` as its ``__class__`` is a ``cls`` record (see ``maker``; the
    geoparser does the two steps inline, where even one more call counts)."""
    _setters(cls)  # the same refusals as maker and replacer
    spec = [(f.name, f.type, field(default=f.default) if f.default is not MISSING else field(
        default_factory=f.default_factory) if f.default_factory is not MISSING else field()) for f in fields(cls)]
    draft: type = make_dataclass(f"_{cls.__name__}Twin", spec, slots=True, eq=False, repr=False)
    if draft.__slots__ != cls.__slots__:  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: its twin's slots differ")
    return draft


def maker(cls: type[T]) -> Callable[..., T]:
    """``cls(...)``: the same arguments (positional or by name, with the same defaults)."""
    draft = twin(cls)

    def make(*args: Any, **kwargs: Any) -> T:
        o = draft(*args, **kwargs)
        o.__class__ = cls
        return o

    return make


def replacer(cls: type[T]) -> Callable[..., T]:
    """``dataclasses.replace(obj, **changes)`` for ``cls`` (no ``init=False`` fields), unknown
    field names refused as ``replace`` refuses them."""
    names, ns = _setters(cls)
    ns["known"] = frozenset(names)
    body = "".join(f"    set_{n}(o, changes['{n}'] if '{n}' in changes else obj.{n})\n" for n in names)
    exec(  # noqa: S102
        "def replace(obj, **changes):\n"
        "    if not known.issuperset(changes):\n"
        "        raise TypeError(f'unknown fields: {sorted(set(changes) - known)}')\n"
        f"    o = new(cls)\n{body}    return o\n",
        ns,
    )
    replace: Callable[..., T] = ns["replace"]
    return replace
