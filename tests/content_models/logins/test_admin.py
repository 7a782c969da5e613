"""Settings → Login lockouts: the current lockouts, unlocking one or all, and who may do it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.content_models.logins.conftest import ATTACKER, OFFICE, login, signed_in

pytestmark = pytest.mark.django_db

URL = "/admin/login-lockouts/"


def _fail(times, username, address):
    for _ in range(times):
        login(Client(), username, "wrong-password", address=address)


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def test_the_list_shows_locked_user_names_and_clients_in_almaty_time(admin_client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 7  # enough names from one client to leave some unnamed
    settings.AXES_FAILURE_LIMIT = 7
    _fail(7, "editor", ATTACKER)
    _fail(2, "moderator", OFFICE)  # not locked as a user name
    for number in range(5):
        _fail(1, f"guess{number}", OFFICE)  # OFFICE is locked as a client (2 + 5 failures)
    moment = (datetime.now(ZoneInfo("UTC")) - timedelta(minutes=5)).replace(second=0, microsecond=0)
    AccessAttempt.objects.filter(username="editor").update(attempt_time=moment)
    almaty, utc = moment.astimezone(ZoneInfo("Asia/Almaty")).strftime("%d.%m.%Y %H:%M"), moment.strftime("%H:%M")

    response = admin_client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">editor</th>' in page and f"<td>{ATTACKER}</td>" in page
    assert f'<th scope="row">{OFFICE}</th>' in page and "guess0, guess1, guess2, guess3, guess4 and 1 more" in page
    assert '<th scope="row">moderator</th>' not in page
    assert f"{almaty}</time>" in page and f"{utc}</time>" not in page  # Almaty time, not UTC
    assert f'<th scope="row">{ATTACKER}</th>' in page  # 7 failures from one client lock the client too
    assert page.count('name="kind"') == 3 and 'name="all"' in page  # one form per lockout, one to unlock all
    assert 'aria-label="Unlock the user name editor"' in page and f'aria-label="Unlock the address {OFFICE}"' in page


def test_the_list_needs_the_same_few_queries_however_many_lockouts(admin_client, django_assert_max_num_queries):
    AccessAttempt.objects.bulk_create(
        AccessAttempt(username=f"guess{n}", ip_address=f"192.0.2.{n % 50}", user_agent="x", failures_since_start=5,
                      get_data="", post_data="", http_accept="", path_info="/admin/login/")
        for n in range(200)
    )
    with django_assert_max_num_queries(20):
        response = admin_client.get(URL)
    assert response.content.decode().count("Unlock the user name") == 200


def test_unlocking_a_user_name_lets_the_right_password_sign_in(admin_client, editor):
    _fail(5, "editor", ATTACKER)
    assert login(Client(), "editor", "pass-editor").status_code == 429

    response = admin_client.post(URL, {"kind": "username", "value": "editor"}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "The user name editor can sign in again." in response.content.decode()
    assert "Nobody is locked out." in response.content.decode()
    assert signed_in(login(Client(), "editor", "pass-editor"))


def test_unlocking_a_client_lets_it_sign_in_again(admin_client, editor):
    for number in range(5):
        _fail(1, f"guess{number}", OFFICE)
    assert login(Client(), "editor", "pass-editor", address=OFFICE).status_code == 429

    response = admin_client.post(URL, {"kind": "ip_address", "value": OFFICE}, follow=True)

    assert f"Logins from {OFFICE} are accepted again." in response.content.decode()
    assert signed_in(login(Client(), "editor", "pass-editor", address=OFFICE))


def test_unlock_all_lifts_every_lockout(admin_client, editor, moderator):
    _fail(5, "editor", ATTACKER)
    _fail(5, "moderator", OFFICE)

    response = admin_client.post(URL, {"all": "1"}, follow=True)

    assert "Every lockout was lifted" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert signed_in(login(Client(), "moderator", "pass-moderator", address=OFFICE))


def test_unlocking_nothing_or_something_unknown_says_so(admin_client):
    assert "Choose a lockout to lift." in admin_client.post(URL, {"kind": "password", "value": "x"}, follow=True).content.decode()
    assert "nobody was not locked out (or the lockout had already ended)." in admin_client.post(URL, {"kind": "username", "value": "nobody"}, follow=True).content.decode()
    assert "Nobody was locked out." in admin_client.post(URL, {"all": "1"}, follow=True).content.decode()


def test_unlocking_needs_the_csrf_token(superuser, editor):
    _fail(5, "editor", ATTACKER)
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)

    assert client.post(URL, {"kind": "username", "value": "editor"}).status_code == 403
    assert AccessAttempt.objects.filter(username="editor").exists()


def test_editors_without_the_permission_get_403_and_unlock_nothing(editor):
    _fail(5, "moderator", ATTACKER)
    client = Client()
    client.force_login(editor)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"all": "1"}).status_code == 403
    assert AccessAttempt.objects.exists()
    assert URL not in client.get("/admin/").content.decode()  # no menu item either


def test_a_group_with_the_unlock_permission_may_unlock(editor, moderator, unlockers):
    _fail(5, "moderator", ATTACKER)
    client = Client()
    client.force_login(editor)

    assert client.get(URL).status_code == 200
    assert URL in client.get("/admin/").content.decode()  # the Settings menu item
    assert client.post(URL, {"kind": "username", "value": "moderator"}).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_visitors_who_are_not_signed_in_are_sent_to_the_login_page():
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_unlock_permission_is_offered_in_the_group_editor(admin_client):
    from django.contrib.auth.models import Group, Permission

    permission = Permission.objects.get(content_type__app_label="axes", codename="delete_accessattempt")
    page = admin_client.get(f"/admin/groups/edit/{Group.objects.get(name='Editors').pk}/").content.decode()
    assert f'value="{permission.pk}"' in page


def test_the_menu_item_and_page_speak_the_admins_language(superuser, editor):
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=superuser).update(preferred_language="kk")
    _fail(5, "editor", ATTACKER)
    client = Client()
    client.force_login(superuser)

    page = client.get(URL).content.decode()
    assert "Кіру бұғаттаулары" in page and "Бұғаттан шығару" in page
