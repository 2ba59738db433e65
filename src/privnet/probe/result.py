"""The outcome of one probe step, with the likely cause when it fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ProbeStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class ProbeResult:
    """``step`` says what was tried (``dns lkc-x...``, ``tcp 10.0.0.5:9092``...)."""

    step: str
    status: ProbeStatus
    detail: str
    likely_cause: str = ""
    data: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status is ProbeStatus.OK

    def as_dict(self) -> dict[str, object]:
        return {"step": self.step, "status": str(self.status), "detail": self.detail,
                "likely_cause": self.likely_cause, "data": self.data}
