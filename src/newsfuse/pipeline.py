"""A pipeline of named stages, each declaring what it requires and provides.

The pipeline checks the wiring when it is built: a stage whose input no earlier stage (nor
the pipeline's inputs) provides is refused with a :class:`~newsfuse.errors.StageError`
naming the missing input, so a wrong order fails before any article is processed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from newsfuse.errors import StageError

StageFunction = Callable[[Mapping[str, Any]], Mapping[str, Any]]


@dataclass(frozen=True)
class Stage:
    """One step of a pipeline.

    Attributes:
        name: a short unique name ("claims").
        requires: names of the values the stage reads.
        provides: names of the values it returns (its result mapping must hold exactly these).
        run: ``run(values) -> {name: value}``; receives a read-only mapping of every value
            available so far and must not change it.
    """

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: StageFunction

    def __post_init__(self) -> None:
        if not self.name:
            raise StageError("a stage needs a name")
        if not self.provides:
            raise StageError(f"stage {self.name!r} provides nothing")


class Pipeline:
    """An ordered list of stages whose wiring was checked when it was built.

    Args:
        stages: the stages in the order they run.
        inputs: names of the values given to :meth:`run`.

    Raises:
        StageError: a stage requires a value that neither ``inputs`` nor an earlier stage
            provides, two stages provide the same value, or two stages share a name.
    """

    def __init__(self, stages: Sequence[Stage], inputs: Sequence[str]) -> None:
        available = set(inputs)
        names: set[str] = set()
        for stage in stages:
            if stage.name in names:
                raise StageError(f"two stages are named {stage.name!r}")
            names.add(stage.name)
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise StageError(
                    f"stage {stage.name!r} requires {', '.join(map(repr, missing))}, which no "
                    "earlier stage or pipeline input provides; put the stage providing it first"
                )
            again = [p for p in stage.provides if p in available]
            if again:
                raise StageError(
                    f"stage {stage.name!r} provides {', '.join(map(repr, again))}, "
                    "already provided earlier"
                )
            available.update(stage.provides)
        self.stages = tuple(stages)
        self.inputs = tuple(inputs)
        self.provides = frozenset(available)

    def run(self, **inputs: Any) -> dict[str, Any]:
        """Run every stage in order and return all values (inputs included).

        Raises:
            StageError: an input is missing, or a stage did not return what it declared.
        """
        missing = [name for name in self.inputs if name not in inputs]
        if missing:
            raise StageError(f"pipeline input missing: {', '.join(missing)}")
        values: dict[str, Any] = dict(inputs)
        for stage in self.stages:
            result = stage.run(MappingProxyType(values))
            if set(result) != set(stage.provides):
                raise StageError(
                    f"stage {stage.name!r} returned {sorted(result)}, "
                    f"declared {sorted(stage.provides)}"
                )
            values.update(result)
        return values
