"""The questionnaire card on Today, the answering page (one questionnaire, fieldsets and radio
groups, the missing item named, stored once) and the physio's choice on the patient page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.questionnaires import questionnaires
from strideback.training.models import Enrollment, QuestionnaireResponse

pytestmark = pytest.mark.django_db

KUJALA = {
    "limp": "slight",
    "support": "full",
    "walking": "more-than-2-km",
    "stairs": "slight-pain-down",
    "squatting": "repeated-painful",
    "running": "slight-pain-from-start",
    "jumping": "slight-difficulty",
    "prolonged-sitting": "pain-after-exercise",
    "pain": "slight-occasional",
    "swelling": "after-severe-exertion",
    "kneecap-movements": "none",
    "thigh-atrophy": "slight",
    "flexion-deficiency": "none",
}  # 78 points, the worked example of tests/core/test_questionnaires.py


@pytest.fixture
def knee_runner(make_runner: Callable[..., User], enrolled: Callable[..., object]) -> User:
    user = make_runner()
    enrolled(user, ("anterior-knee-pain",), start=timezone.localdate() - dt.timedelta(days=3))
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def card_links(html: str) -> list[str]:
    card = html.split('class="card due-card"', 1)
    if len(card) == 1:
        return []
    return re.findall(r'href="/questionnaires/([\w-]+)/"', card[1].split("</section>", 1)[0])


def test_today_shows_one_card_with_what_is_due_until_it_is_answered(knee_runner: User) -> None:
    client = client_for(knee_runner)
    page = client.get("/today/").content.decode()
    assert page.count('class="card due-card"') == 1
    assert card_links(page) == ["kujala-akps", "psfs"]
    response = client.post("/questionnaires/kujala-akps/", KUJALA)
    assert response.status_code == 302 and response["Location"] == "/today/"
    after = client.get("/today/").content.decode()
    assert "Thanks, your answers are saved." in after
    assert "78 on a scale of 0 to 100 (higher is better)" in after
    assert card_links(after) == ["psfs"]  # the rest of the same card
    psfs = {"activity-1": "4", "activity-2": "6", "activity-3": "5"}
    names = {"name-activity-1": "Running", "name-activity-2": "Stairs", "name-activity-3": "Squat"}
    assert client.post("/questionnaires/psfs/", psfs | names).status_code == 302
    assert card_links(client.get("/today/").content.decode()) == []


def test_the_page_is_one_fieldset_per_question_with_a_radio_group(knee_runner: User) -> None:
    page = client_for(knee_runner).get("/questionnaires/kujala-akps/").content.decode()
    assert page.count("<fieldset") == 13
    assert page.count("<legend>") == 13
    assert '<legend><span class="q-number">1.</span> Do you limp?' in page
    assert len(re.findall(r'type="radio" name="limp"', page)) == 3
    assert "Save my answers" in page


def test_a_missing_answer_is_named_and_nothing_is_stored(knee_runner: User) -> None:
    client = client_for(knee_runner)
    answers = dict(KUJALA)
    del answers["walking"]
    response = client.post("/questionnaires/kujala-akps/", answers)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#q-walking">Question 3 is not answered yet.' in page
    assert 'id="err-walking"' in page and 'aria-describedby="err-walking"' in page
    # The answers already given stay chosen.
    assert 'name="limp" value="slight" checked' in page
    assert not QuestionnaireResponse.objects.exists()
    bad = client.post("/questionnaires/kujala-akps/", KUJALA | {"limp": "sometimes"})
    assert bad.status_code == 400
    assert "Question 1: choose one of the answers shown." in bad.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_a_double_submit_is_stored_once(knee_runner: User) -> None:
    client = client_for(knee_runner)
    client.post("/questionnaires/kujala-akps/", KUJALA)
    client.post("/questionnaires/kujala-akps/", KUJALA | {"limp": "none"})
    rows = QuestionnaireResponse.objects.filter(user=knee_runner)
    assert rows.count() == 1
    assert rows.get().score == 80  # the later send replaced the first


def test_psfs_names_three_to_five_activities_and_asks_the_same_ones_again(
    knee_runner: User,
) -> None:
    client = client_for(knee_runner)
    page = client.get("/questionnaires/psfs/").content.decode()
    assert page.count('type="text"') == 5
    assert page.count("(optional)") == 2
    unnamed = client.post(
        "/questionnaires/psfs/",
        {"activity-1": "3", "name-activity-1": "Running", "activity-2": "5", "activity-3": "7"},
    )
    assert unnamed.status_code == 400
    assert "Activity 2 has a number but no name" in unnamed.content.decode()
    unrated = client.post(
        "/questionnaires/psfs/",
        {
            "activity-1": "3",
            "name-activity-1": "Running",
            "activity-2": "5",
            "name-activity-2": "Stairs",
            "activity-3": "7",
            "name-activity-3": "Squat",
            "name-activity-4": "Hopping",
        },
    )
    assert "Activity 4 has a name but no number" in unrated.content.decode()
    assert not QuestionnaireResponse.objects.exists()
    done = client.post(
        "/questionnaires/psfs/",
        {
            "activity-1": "3",
            "name-activity-1": "Running",
            "activity-2": "5",
            "name-activity-2": "Stairs",
            "activity-3": "7",
            "name-activity-3": "Squat",
            "activity-4": "4",
            "name-activity-4": "Hopping",
        },
    )
    assert done.status_code == 302
    stored = QuestionnaireResponse.objects.get(user=knee_runner, questionnaire_id="psfs")
    assert stored.score == 4.8 and stored.activities == ["Running", "Stairs", "Squat", "Hopping"]
    again = client.get("/questionnaires/psfs/").content.decode()
    assert 'value="Running"' in again and 'value="Hopping"' in again


def test_ffi_offers_does_not_apply_where_the_item_allows(knee_runner: User) -> None:
    page = client_for(knee_runner).get("/questionnaires/ffi/").content.decode()
    assert page.count("<fieldset") == 23
    ffi = questionnaires()["ffi"]
    allowed = [i.id for i in ffi.items if i.not_applicable]
    assert "walking-insoles" in allowed and "worst" not in allowed
    assert re.findall(r'name="([\w-]+)" value="na"', page) == allowed
    assert "0 = no pain" in page and "10 = worst pain imaginable" in page


def test_the_page_speaks_the_runners_language(
    make_runner: Callable[..., User], enrolled: Callable[..., object]
) -> None:
    user = make_runner("dansk@example.org", lang="da")
    enrolled(user, ("anterior-knee-pain",), start=timezone.localdate())
    client = client_for(user)
    client.cookies["strideback_lang"] = "da"  # set at log-in from the runner's language
    page = client.get("/questionnaires/kujala-akps/").content.decode()
    assert "Halter du?" in page and "Gem mine svar" in page
    missing = client.post("/questionnaires/kujala-akps/", {"limp": "none"}).content.decode()
    assert "Spørgsmål 2 er ikke besvaret endnu." in missing
    assert "Et par spørgsmål om, hvordan du har det" in client.get("/today/").content.decode()


def test_unknown_questionnaire_and_clinicians_are_turned_away(knee_runner: User) -> None:
    assert client_for(knee_runner).get("/questionnaires/koos-pf/").status_code == 404
    anonymous = Client().get("/questionnaires/kujala-akps/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_the_physio_adds_and_skips_from_the_patient_page(knee_runner: User) -> None:
    from tests.clinic.conftest import link, verified_client

    physio = User.objects.create_user("physio@example.org", "pw-12345678", role="clinician")
    link(physio, knee_runner)
    client = verified_client(physio)
    url = f"/clinic/patients/{knee_runner.pk}/"
    page = client.get(url).content.decode()
    assert 'name="asked" value="kujala-akps" checked' in page
    assert 'name="asked" value="ffi">' in page
    response = client.post(f"{url}questionnaires", {"asked": ["kujala-akps", "groc", "ffi"]})
    assert response.status_code == 302
    runner_page = client_for(knee_runner).get("/today/").content.decode()
    assert card_links(runner_page) == ["kujala-akps", "ffi"]  # PSFS skipped, GROC not at start
    assert 'name="asked" value="psfs">' in client.get(url).content.decode()
    stranger = User.objects.create_user("other@example.org", "pw-12345678", role="clinician")
    other = verified_client(stranger)
    assert other.post(f"{url}questionnaires", {"asked": []}).status_code == 404
    assert Enrollment.objects.filter(user=knee_runner).count() == 1
