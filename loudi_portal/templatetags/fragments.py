"""`{% shared_fragment %}`: a part of a public page rendered once per content version, then reused.

A cache miss of a public page (a page number, filter or notice never asked for) renders
the whole page, although most of it is the same on many URLs: the navigation, the footer, a
register's filter form for every page number of one filter. Those parts are wrapped in

    {% shared_fragment "footer" request.path %} … {% endshared_fragment %}

and kept in the cache under the content version and day (`caching.per_content`: every write,
every scheduled publication that comes due and midnight move them on), the language, the
name, the values it varies on, and the process's start (a deployment with new templates
never reuses the old markup). What the wrapped markup reads must be named in the values it
varies on, or follow from the content version; nothing personal may be wrapped (no CSRF
token, no signed-in user: the tag renders without the cache for a signed-in reader), and a
fragment must not call `caching.live_value` (its placeholder would be declared once only).
"""

import hashlib
import time

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from loudi_portal.caching import per_content

register = template.Library()

# Fragments of one process only: a restart (a deployment) never serves another release's markup.
_STARTED = time.time_ns()
FRAGMENT_SECONDS = 3600


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        values = "\x1f".join(str(v.resolve(context)) for v in self.vary_on)
        digest = hashlib.md5(values.encode(), usedforsecurity=False).hexdigest()
        key = f"fragment:{_STARTED}:{get_language()}:{name}:{digest}"
        return mark_safe(per_content(key, lambda: str(self.nodelist.render(context)), FRAGMENT_SECONDS))


@register.tag
def shared_fragment(parser, token):
    """{% shared_fragment "name" value… %}…{% endshared_fragment %}: see the module's docstring."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])
