"""Section: the school-year schedules of book exhibitions."""

from content_models.exhibitions.models import ExhibitionBook, ExhibitionIndexPage, ExhibitionPage, ExhibitionSchedulePage

__all__ = ["ExhibitionBook", "ExhibitionIndexPage", "ExhibitionPage", "ExhibitionSchedulePage"]
