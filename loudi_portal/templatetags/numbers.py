"""Numbers on the public pages, one way everywhere (rules in loudi_portal/numbers.py).

{% load numbers %}
{{ penalty.fine_amount|yuan }} 元      -> 1,729,500.00 元
{{ closure.entitlement|wan }} 万元     -> 172.95 万元
{{ dataset.count|count }}              -> 12,345
{{ notice.written_on|day }}            -> 2026-08-14
{{ notice.published_at|minute }}       -> 2026-08-14 09:30
"""

from django import template

from loudi_portal.numbers import format_count, format_day, format_minute, format_wan, format_yuan

register = template.Library()

register.filter("yuan", format_yuan)
register.filter("wan", format_wan)
register.filter("count", format_count)
register.filter("day", format_day)
register.filter("minute", format_minute)
