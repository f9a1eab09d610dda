"""`{% page_meta_tags %}`: the 网页标签 of the page being rendered (see loudi_portal/pagemeta.py)."""

from django import template
from django.utils.html import format_html, format_html_join

from .. import pagemeta
from ..models import BureauProfile

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta_tags(context):
    """Render the <meta> elements; error pages (no resolved view) get the site's three."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    meta = pagemeta.declared(match.func) if match is not None else None
    bureau = context.get("bureau") or BureauProfile.current()
    pairs = pagemeta.tags(bureau=bureau, meta=meta, context=context.flatten())
    return format_html_join("\n", '<meta name="{}" content="{}">', pairs) or format_html("")
