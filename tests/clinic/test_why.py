"""The "Why?" on every decision: each reason in words with the source of its rule (a seed and its
section, a study, or Strideback's own) and the rule set's name, the same on the runner's Today,
the patient page and the API (issue #12 item 3)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training import onboarding

from .conftest import link

SECTION = "Sådan træner du, når du har forreste knæsmerter"


def _phase_four(runner: User) -> None:
    """A runner who placed themselves in phase 4 of the knee programme, with its run plan, and
    said nothing about phases 1-3."""
    on = timezone.localdate()
    onboarding.save_areas(runner, ("front_of_knee",))
    onboarding.enroll(runner, ["anterior-knee-pain", "return-to-run-5k"], on, on, start_phase=4)


def _runner_client(runner: User) -> Client:
    client = Client()
    client.force_login(runner)
    return client


@pytest.mark.django_db
def test_today_says_why_running_is_closed_with_the_handouts_section(
    make_runner: Callable[..., User],
) -> None:
    """Seed 000: "Du må tidligst begynde at løbetræne i fase 4, og kun hvis du ikke har haft
    knæsmerter i den foregående fase" -- a phase 3 nobody logged keeps the gate shut, and the
    runner can see which handout and section say so, and what is Strideback's reading."""
    runner = make_runner(lang="en")
    _phase_four(runner)
    page = html.unescape(_runner_client(runner).get("/today/").content.decode())
    assert "Rules followed: The hospital handout's rules" in page
    assert '<details class="why-sources">' in page and "<summary>Why?</summary>" in page
    why = page.split('<details class="why-sources">')[1].split("</details>")[0]
    assert "phase 3 is not logged" in why
    assert (
        "Source: From the hospital's handout on knee pain at the front of the knee (seed 000), "
        f"section “{SECTION}”; the weeks that count in the last phase and saying the earlier "
        "phases were pain-free are Strideback's own"
    ) in why


@pytest.mark.django_db
def test_the_physio_sees_the_same_reasons_and_sources_as_the_runner(
    make_runner: Callable[..., User], clinician: User, physio: Client
) -> None:
    runner = make_runner(lang="da")
    link(clinician, runner)
    _phase_four(runner)
    mine = html.unescape(
        _runner_client(runner).get("/today/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    )
    theirs = html.unescape(
        physio.get(f"/clinic/patients/{runner.pk}/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    )

    def sources(page: str) -> list[str]:
        why = page.split('<details class="why-sources">')[1].split("</details>")[0]
        return [line.split("</li>")[0] for line in why.split("<li>")[1:]]

    assert "<summary>Hvorfor?</summary>" in mine and "<summary>Hvorfor?</summary>" in theirs
    assert sources(mine) == sources(theirs)
    assert any(f"afsnittet »{SECTION}«" in line for line in sources(theirs))


@pytest.mark.django_db
def test_the_api_gives_the_same_why_as_the_page(
    make_runner: Callable[..., User],
) -> None:
    runner = make_runner(lang="en")
    _phase_four(runner)
    client = _runner_client(runner)
    body: dict[str, Any] = client.get("/api/v1/me/today", {"lang": "en"}).json()
    track = next(t for t in body["tracks"] if t["programme_id"] == "anterior-knee-pain")
    assert track["rule_set"] == "seed-000"
    gate = next(w for w in track["why"] if w["code"] == "running_gate_no_log")
    assert gate["rule"] == "running-gate" and gate["kind"] == "seed"
    assert gate["source"].startswith("From the hospital's handout")
    page = html.unescape(client.get("/today/").content.decode())
    assert gate["text"] in page and gate["source"] in page


@pytest.mark.django_db
def test_a_study_and_strideback_own_are_named_as_such(
    make_runner: Callable[..., User],
) -> None:
    """A TREK runner's reasons cite the study; the 7-day gap rule is Strideback's own."""
    from strideback.core.engine.decision import Cited, SourceKind
    from strideback.words import explain

    trek = Cited("run-pain-pause", "trek", SourceKind.STUDY, "TREK runners (La Trobe)")
    assert explain.source_text(trek, "de") == "Studie: TREK runners (La Trobe)"
    ours = Cited("gap-repeat-week", "seed-000", SourceKind.STRIDEBACK, "")
    assert explain.source_text(ours, "en") == "Strideback's own"
    assert explain.source_text(ours, "nb") == "Stridebacks egen regel"


def test_every_note_on_a_rule_has_its_words() -> None:
    from strideback.core.engine.rules import RULES
    from strideback.words.sources import RULE_NOTES

    notes = {s.note for rule in RULES for s in rule.sources.values() if s.note}
    assert notes <= set(RULE_NOTES)
