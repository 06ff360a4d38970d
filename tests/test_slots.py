"""pantau.slots builds the same records as the dataclasses' own __init__ and replace."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from pantau.records import Span
from pantau.slots import maker, replacer
from pantau.stages.frames import Frame
from pantau.stages.normalize.dates import DateMention


def test_maker_equals_init() -> None:
    make = maker(Frame)
    args = (1, Span(0, 4), Span(0, 9), None, "Battles", "Armed clash", "event")
    slow, fast = Frame(*args, reason="x", deaths=2), make(*args, reason="x", deaths=2)
    assert fast == slow and repr(fast) == repr(slow) and type(fast) is Frame
    assert fast.extra == {} and fast.extra is not make(*args).extra  # a fresh default per record
    assert maker(Span)(3, 5) == Span(3, 5) and hash(maker(Span)(3, 5)) == hash(Span(3, 5))
    assert pickle.loads(pickle.dumps(maker(Span)(3, 5))) == Span(3, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.status = "dropped"  # type: ignore[misc]
    with pytest.raises(TypeError):
        make(*args, bogus=1)


def test_replacer_equals_replace() -> None:
    m = DateMention(0, 5, "Senin", "weekday", weekday=0)
    fast = replacer(DateMention)(m, end=11, surface="Senin pagi", approx=True)
    assert fast == dataclasses.replace(m, end=11, surface="Senin pagi", approx=True)
    assert replacer(DateMention)(m) == m
    with pytest.raises(TypeError):
        replacer(DateMention)(m, bogus=1)


def test_classes_that_need_init_are_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class Checked:
        n: int

        def __post_init__(self) -> None:
            assert self.n >= 0

    @dataclass(frozen=True, slots=True)
    class Derived:
        n: int
        twice: int = field(init=False, default=0)

    for cls in (Checked, Derived):
        with pytest.raises(TypeError):
            maker(cls)
