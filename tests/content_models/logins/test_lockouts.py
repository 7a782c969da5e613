"""Repeated failed logins lock the user name and the client out; the page says so in the visitor's language."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client

from tests.content_models.logins.conftest import ATTACKER, OFFICE, login, signed_in

pytestmark = pytest.mark.django_db

LOCKED_MESSAGES = {
    "en": "Too many failed attempts; try again in 15 minutes or ask an administrator to unlock your account.",
    "ru": "Слишком много неудачных попыток; повторите через 15 минут или попросите администратора разблокировать вашу учётную запись.",
    "kk": "Сәтсіз әрекеттер тым көп; 15 минуттан кейін қайталап көріңіз немесе тіркелгіңізді бұғаттан шығаруды әкімшіден сұраңыз.",
}


def _fail(times, username="editor", address=ATTACKER):
    for _ in range(times):
        response = login(Client(), username, "wrong-password", address=address)
    return response


def _window_passes(minutes=16):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_sixth_login_with_the_right_password_is_refused_with_the_message_in_the_page_language(editor, language):
    client = Client()
    for attempt in range(1, 5):
        response = login(client, "editor", "wrong-password", language=language)
        assert response.status_code == 200, attempt
        assert LOCKED_MESSAGES[language] not in response.content.decode()
    fifth = login(client, "editor", "wrong-password", language=language)
    assert fifth.status_code == 429  # the fifth failure already locks, and says so

    sixth = login(client, "editor", "pass-editor", language=language)

    page = sixth.content.decode()
    assert sixth.status_code == 429
    assert sixth["Retry-After"] == "900"
    assert not signed_in(sixth)
    assert LOCKED_MESSAGES[language] in page
    assert 'name="password"' in page and 'name="username"' in page  # the login page again, not a bare error
    assert "didn't match" not in page and "не совпадают" not in page  # only the lockout is reported


def test_the_locked_user_name_is_refused_from_every_client_and_other_users_are_not_affected(editor, moderator):
    _fail(5, "editor", address=ATTACKER)

    assert login(Client(), "editor", "pass-editor", address=OFFICE).status_code == 429
    assert signed_in(login(Client(), "moderator", "pass-moderator", address=OFFICE))


def test_a_client_trying_many_user_names_is_locked_for_every_user_name_and_other_clients_are_not(editor, moderator):
    for number in range(5):
        _fail(1, f"guess{number}", address=ATTACKER)

    assert login(Client(), "moderator", "pass-moderator", address=ATTACKER).status_code == 429
    assert signed_in(login(Client(), "moderator", "pass-moderator", address=OFFICE))
    assert signed_in(login(Client(), "editor", "pass-editor", address=OFFICE))  # one failure each: no user lockout


def test_a_made_up_forwarded_for_header_does_not_move_the_client_out_of_its_lockout(editor):
    for number in range(5):
        login(Client(), f"guess{number}", "wrong", address=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    response = login(Client(), "editor", "pass-editor", address=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw(settings, editor):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/8"]
    for number in range(5):
        login(Client(), f"guess{number}", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {ATTACKER}")

    assert login(Client(), "editor", "pass-editor", address="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    assert signed_in(login(Client(), "editor", "pass-editor", address="10.0.0.2", HTTP_X_FORWARDED_FOR=OFFICE))


def test_after_the_lockout_window_the_right_password_signs_in(editor):
    _fail(5, "editor", address=OFFICE)
    assert login(Client(), "editor", "pass-editor").status_code == 429

    _window_passes(minutes=14)
    assert login(Client(), "editor", "pass-editor").status_code == 429  # not yet
    _window_passes(minutes=2)
    response = login(Client(), "editor", "pass-editor")

    assert signed_in(response)
    assert not AccessAttempt.objects.filter(username="editor").exists()


def test_thirty_wrong_passwords_then_the_right_one_do_not_sign_in(editor):
    """The attack from the issue: 30 wrong admin passwords in a row, all answered, then the right one logged in."""
    client = Client()
    statuses = [login(client, "editor", f"guess-{number}", address=ATTACKER).status_code for number in range(30)]

    response = login(client, "editor", "pass-editor", address=ATTACKER)

    assert statuses == [200] * 4 + [429] * 26
    assert response.status_code == 429 and not signed_in(response)
    # Attempts while locked are refused but not counted: the lockout ends 15 minutes after the fifth failure.
    assert AccessAttempt.objects.get().failures_since_start == 5


def test_a_successful_login_resets_the_user_names_count(editor):
    _fail(4, "editor", address=OFFICE)
    assert signed_in(login(Client(), "editor", "pass-editor", address=OFFICE))

    assert _fail(4, "editor", address=OFFICE).status_code == 200  # counting starts again
    assert _fail(1, "editor", address=OFFICE).status_code == 429


def test_signing_in_to_ones_own_account_does_not_forgive_guesses_at_another(editor, moderator):
    _fail(4, "editor", address=ATTACKER)
    assert signed_in(login(Client(), "moderator", "pass-moderator", address=ATTACKER))

    assert _fail(1, "editor", address=ATTACKER).status_code == 429
    assert login(Client(), "editor", "pass-editor", address=OFFICE).status_code == 429


def test_a_login_that_succeeds_records_no_attempt(editor, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert signed_in(login(Client(), "editor", "pass-editor"))
    assert not AccessAttempt.objects.exists()


def test_counting_and_refusing_take_a_few_queries(editor, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        assert login(Client(), "editor", "wrong-password").status_code == 200
    _fail(4, "editor", address=OFFICE)
    with django_assert_max_num_queries(8):
        assert login(Client(), "editor", "pass-editor").status_code == 429
