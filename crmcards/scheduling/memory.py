"""A student's memory model: FSRS-6 parameters plus what their rating "2" means.

The parameters start as FSRS's defaults and become personal once `crmcards optimize` (or the
automatic re-fit) finds parameters that predict this student's own history better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fsrs.scheduler import DEFAULT_PARAMETERS

from crmcards.scheduling.ratings import DEFAULT_TWO_MEANS, TwoMeans

PARAMETER_COUNT = len(DEFAULT_PARAMETERS)


@dataclass(frozen=True)
class MemoryModel:
    parameters: tuple[float, ...] = tuple(DEFAULT_PARAMETERS)
    two_means: TwoMeans = DEFAULT_TWO_MEANS

    def __post_init__(self) -> None:
        if len(self.parameters) != PARAMETER_COUNT:
            raise ValueError(f"FSRS-6 has {PARAMETER_COUNT} parameters, not {len(self.parameters)}")

    @classmethod
    def of(
        cls, parameters: Sequence[float], two_means: TwoMeans = DEFAULT_TWO_MEANS
    ) -> MemoryModel:
        return cls(tuple(float(p) for p in parameters), two_means)

    @property
    def is_default(self) -> bool:
        return self == MemoryModel()

    def recall(self, elapsed_days: float, stability: float) -> float:
        """FSRS-6's forgetting curve: the probability of recall `elapsed_days` after a review
        that left the memory with `stability` (the days until recall falls to 90 %)."""
        decay = self.parameters[20]
        factor = 0.9 ** (-1 / decay) - 1
        return float((1 + factor * max(elapsed_days, 0.0) / stability) ** -decay)


DEFAULT_MODEL = MemoryModel()
