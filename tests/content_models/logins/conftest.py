"""The login lockout is off in the test settings (the test client's login() passes no request); these tests turn
it on and sign in through the real login form."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

LOGIN_URL = "/admin/login/"
ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.10"


@pytest.fixture(autouse=True)
def _lockout_on(settings):
    settings.AXES_ENABLED = True


def login(client, username, password, address=OFFICE, language="en", **extra):
    """POST the admin login form as a browser at `address` whose language is `language`."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password},
        REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language, **extra,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


@pytest.fixture
def superuser(db):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser("chief", email="chief@school.kz", password="pass-chief")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def unlockers(db):
    """The Editors group, given the unlock permission."""
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name="Editors")
    group.permissions.add(Permission.objects.get(content_type__app_label="axes", codename="delete_accessattempt"))
    return group
