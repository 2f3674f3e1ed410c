"""WSGI entry point: ``gunicorn --preload service.web.wsgi:app`` (models load once, before
the workers fork)."""

from service.web.app import create_app

app = create_app()
