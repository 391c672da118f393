"""The closed loop of a case: 上报 → 受理/派发 → 处置 → 核查 → 办结, with 退回, 挂起,
改派 and 督办. Each step is an action with the statuses it may start from; a step
from any other status is refused, so no sequence of steps reaches an illegal state."""

from __future__ import annotations

from gridmap.model.entities import (CASE_CLOSED, CASE_DISPATCHED, CASE_HANDLING, CASE_NEW, CASE_STATUSES,
                                    CASE_SUSPENDED, CASE_VERIFYING)

REPORT, DISPATCH, ACCEPT, SUBMIT, CLOSE, REJECT, RETURN, SUSPEND, RESUME, REASSIGN, ESCALATE = (
    "上报", "派发", "接单", "提交核查", "办结", "核查退回", "退回", "挂起", "恢复", "改派", "督办")

OPEN_STATUSES: tuple[str, ...] = tuple(s for s in CASE_STATUSES if s != CASE_CLOSED)

# action → (the statuses it starts from, the status it leads to; None: the status stays)
ACTIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    DISPATCH: ((CASE_NEW,), CASE_DISPATCHED),  # accepted by the community and sent to a person
    ACCEPT: ((CASE_DISPATCHED,), CASE_HANDLING),  # the person takes it on
    SUBMIT: ((CASE_HANDLING,), CASE_VERIFYING),  # handled: waiting for the check
    CLOSE: ((CASE_VERIFYING,), CASE_CLOSED),  # checked and closed
    REJECT: ((CASE_VERIFYING,), CASE_HANDLING),  # the check found it not done
    RETURN: ((CASE_DISPATCHED, CASE_HANDLING), CASE_NEW),  # not theirs: back to the community
    SUSPEND: ((CASE_DISPATCHED, CASE_HANDLING), CASE_SUSPENDED),
    RESUME: ((CASE_SUSPENDED,), CASE_HANDLING),
    REASSIGN: (OPEN_STATUSES, None),  # another person; one who was handling it must accept again
    ESCALATE: (OPEN_STATUSES, None),  # 督办: one level up
}
# The steps that need a person to go to.
NEEDS_ASSIGNEE = frozenset({DISPATCH, REASSIGN})
# The steps offered in lists (reporting and escalating have their own commands).
STEPS: tuple[str, ...] = (DISPATCH, ACCEPT, SUBMIT, CLOSE, REJECT, RETURN, SUSPEND, RESUME, REASSIGN)


def is_open(status: str) -> bool:
    return status != CASE_CLOSED


def allowed(status: str) -> list[str]:
    """The steps that may follow ``status``, in the loop's order."""
    return [action for action in STEPS if status in ACTIONS[action][0]]


def next_status(status: str, action: str) -> str | None:
    """The status after ``action`` from ``status``; None if the step may not follow it."""
    if action not in ACTIONS:
        return None
    starts, leads = ACTIONS[action]
    if status not in starts:
        return None
    if action == REASSIGN and status == CASE_HANDLING:
        return CASE_DISPATCHED
    return status if leads is None else leads
