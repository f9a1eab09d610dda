"""Chinese names for third-party apps that declare none (the back office shows app names)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes (login throttling), named for the back office; its label stays "axes"."""

    verbose_name = _("登录保护")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db (the background task queue in our database), named for the back office."""

    verbose_name = _("后台任务")
