"""Videos in the portal search: a topic's name is part of the text of the videos filed under it."""

from content_models.core.taxonomy import Topic
from search.registry import register_watcher


def _videos_of_topic(topic) -> list[int]:
    return list(topic.video_links.values_list("page_id", flat=True))


def register() -> None:
    register_watcher(Topic, _videos_of_topic)
