"""Guidelines in the portal search: a topic's name is part of the text of the guidelines filed under it."""

from content_models.core.taxonomy import Topic
from search.registry import register_watcher


def _guidelines_of_topic(topic) -> list[int]:
    return list(topic.guideline_links.values_list("page_id", flat=True))


def register() -> None:
    register_watcher(Topic, _guidelines_of_topic)
