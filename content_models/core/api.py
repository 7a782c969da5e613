"""The portal's own routers on the v3 API (moderation; books, events and search join later)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Page

moderation_router = Router(tags=["moderation"], auth=BearerTokenAuth())


class SubmitOut(Schema):
    id: int
    title: str
    workflow: str
    status: str
    live: bool


@moderation_router.post(
    "/pages/{page_id}/submit/",
    response={200: SubmitOut, 409: ProblemDetail},
    url_name="moderation_submit_page",
    summary="Submit a page's latest draft for moderation",
    operation_id="moderation_submit_page",
)
def submit_page(request, page_id: int):
    """Starts the page's approval workflow on its latest revision, as the admin's "Submit for moderation" does."""
    page = get_object_or_404(Page, pk=page_id).specific
    perms = page.permissions_for_user(request.user)
    if not perms.can_edit():
        raise PermissionDenied
    workflow = page.get_workflow()
    if workflow is None:
        raise HttpError(409, "This page has no approval workflow; a user with publish permission publishes it directly.")
    if page.workflow_in_progress:
        raise HttpError(409, "This page is already in moderation.")
    if page.get_latest_revision() is None:
        page.save_revision(user=request.user)
    state = workflow.start(page, request.user)
    return SubmitOut(id=page.pk, title=page.title, workflow=workflow.name, status=state.status, live=page.live)
