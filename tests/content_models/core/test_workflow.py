"""Editors submit, moderators approve: the "Moderator approval" workflow on the site root."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text

from content_models.home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_migration_sets_up_groups_and_the_workflow_on_the_root():
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    assert workflow.name == "Moderator approval"
    tasks = [task.specific for task in workflow.tasks]
    assert [list(task.groups.values_list("name", flat=True)) for task in tasks] == [["Moderators"]]
    assert Workflow.objects.filter(active=True).count() == 1


def test_editor_cannot_publish_but_moderator_can(home_pages, editor, moderator):
    home = home_pages["kk"]
    assert home.permissions_for_user(editor).can_edit()
    assert not home.permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(moderator).can_publish()


def test_editor_publish_through_the_admin_is_refused(client, home_pages, editor):
    page = StandardPage(title="Редактор беті", slug="redaktor-beti", live=False)
    home_pages["kk"].add_child(instance=page)
    page.save_revision()
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data({"title": "Редактор беті", "slug": "redaktor-beti", "intro": rich_text(""), "body": rich_text("Мәтін"), "action-publish": "action-publish"}),
    )
    assert response.status_code in (200, 302, 403)
    page.refresh_from_db()
    assert page.live is False


def test_admin_submit_then_moderator_approval_publishes(client, home_pages, editor, moderator):
    page = StandardPage(title="Жаңалық", slug="zhanalyk", live=False)
    home_pages["kk"].add_child(instance=page)
    page.save_revision(user=editor)
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data({"title": "Жаңалық", "slug": "zhanalyk", "intro": rich_text(""), "body": rich_text("Мәтін"), "action-submit": "action-submit"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live is False
    assert page.workflow_in_progress

    client.force_login(moderator)
    state = page.current_workflow_task_state
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live is True
    assert client.get("/kk/zhanalyk/").status_code == 200


def test_scheduled_page_goes_live_with_publish_scheduled(client, home_pages, moderator):
    page = StandardPage(title="Кесте бойынша", slug="keste-boiynsha", live=False)
    home_pages["kk"].add_child(instance=page)
    revision = page.save_revision(user=moderator, approved_go_live_at=timezone.now() - timezone.timedelta(minutes=1))
    page.go_live_at = revision.approved_go_live_at
    page.save()
    assert client.get("/kk/keste-boiynsha/").status_code == 404
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live is True
    assert client.get("/kk/keste-boiynsha/").status_code == 200
