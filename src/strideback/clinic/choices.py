"""What a clinician chooses for one runner that the engine reads, checked before anything is
saved: the rule set (one the programme lists), the start phase, and the companion run plan."""

from __future__ import annotations

from strideback.clinic.patients import ClinicError
from strideback.core.content.library import Library
from strideback.core.content.models import Programme
from strideback.core.engine.thresholds import UnknownRuleSet, rule_set_of


def rule_set(programme: Programme, chosen: str | None) -> str:
    """The rule set as stored: "" for the programme's default; an error naming ``rule_set``
    (and the programme's choices) for one it does not offer."""
    if chosen is None or chosen == "":
        return ""
    try:
        found = rule_set_of(programme, chosen)
    except UnknownRuleSet as exc:
        choices = ", ".join(exc.allowed)
        raise ClinicError(
            "rule_set", f"'{chosen}' is not a rule set of this programme (choose: {choices})"
        ) from None
    return "" if found == programme.rule_sets[0] else found


def start_phase(programme: Programme, phase: int) -> int:
    numbers = [p.number for p in programme.phases]
    if not numbers:
        if phase != 1:
            raise ClinicError("start_phase", "a run plan has no phases: leave it at 1")
        return 1
    if phase not in numbers:
        choices = ", ".join(str(n) for n in numbers)
        raise ClinicError("start_phase", f"must be a phase of this programme ({choices})")
    return phase


def companion(library: Library, programme: Programme) -> Programme:
    """The run plan that goes with ``programme`` (as onboarding offers it)."""
    found = library.programmes.get(programme.companion or "")
    if found is None or found.kind != "run_plan":
        raise ClinicError("with_run_plan", "this programme has no companion run plan")
    return found
