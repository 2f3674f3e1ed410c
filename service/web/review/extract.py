"""HTML to article text for the API: :mod:`service.extract`, its refusal as an API error."""

from __future__ import annotations

from service import extract
from service.extract import LXML_MAX_DEPTH, MAX_ATTRIBUTES_PER_ELEMENT, MAX_ELEMENTS
from service.web.errors import ApiError

__all__ = ["LXML_MAX_DEPTH", "MAX_ATTRIBUTES_PER_ELEMENT", "MAX_ELEMENTS", "html_to_text"]


def html_to_text(html: str) -> str:
    """:func:`service.extract.html_to_text`; a page too complex to parse safely is a 422
    ``html_too_complex`` :class:`ApiError`."""
    try:
        return extract.html_to_text(html)
    except extract.HtmlTooComplex as exc:
        raise ApiError(422, "html_too_complex", str(exc), field="html") from None
