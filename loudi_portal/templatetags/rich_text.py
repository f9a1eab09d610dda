"""The `rich_text` filter: a staff rich-text field (editor HTML or older plain text) for a page."""

from django import template

from loudi_portal import rich_text as rich

register = template.Library()


@register.filter
def rich_text(value):
    """Sanitised HTML of the editor, or plain text as paragraphs (escaped)."""
    return rich.as_html(value or "")
