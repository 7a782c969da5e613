"""File downloads: a table as a CSV or XLSX attachment."""

from django.http import HttpResponse

from content_models.core.spreadsheets import spreadsheet_csv, spreadsheet_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark a response as a file to save under ``filename`` (plain ASCII names only)."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spreadsheet_download(header: list, rows: list, *, file_format: str, filename: str, title: str = "List") -> HttpResponse:
    """``header`` and ``rows`` as a CSV or XLSX attachment named ``filename`` plus the format's extension;
    ``title`` names the XLSX sheet."""
    if file_format == "xlsx":
        content = spreadsheet_xlsx(header, rows, title=title)
    else:
        file_format = "csv"
        content = spreadsheet_csv(header, rows)
    return attachment(HttpResponse(content, content_type=CONTENT_TYPES[file_format]), f"{filename}.{file_format}")
