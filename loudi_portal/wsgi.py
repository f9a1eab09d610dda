"""WSGI entry point: `gunicorn loudi_portal.wsgi:application -c gunicorn.conf.py`.

gunicorn preloads this module in its master process (`preload_app = True`), so
the apps' preloads (the Chinese word segmenter's dictionary: about 1.5 s and 60 MB) run once
here and shared by every worker, instead of delaying each worker's first search.
"""

import os

from django.core.wsgi import get_wsgi_application

from loudi_portal import registry

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loudi_portal.settings")

application = get_wsgi_application()
registry.preload()  # what the apps registered in ready(), e.g. the segmenter's dictionary
