"""The task queue in Redis, for installations with several workers on several machines
(TASKS_BACKEND=django_tasks_rq.RQBackend; settings.py names these classes in RQ).

django-tasks-rq puts Django's tasks on RQ's queues; two things are set here that neither
library sets by default:

- Retries. A worker killed mid-task (a deployment, a lost machine, the kernel's OOM killer)
  leaves its job "abandoned" in RQ's started-job registry; RQ runs an abandoned job again only
  if it has retries left, and otherwise files it as failed, with the work half done. Every task
  here is idempotent (each looks at what is done before it does it: a compilation claims its row,
  a mail is sent once, a reminder once per recipient), so running one again finishes the work
  the killed run began.
- How soon an abandoned job is found. A worker looks for them in its maintenance round, every
  ten minutes by RQ's default; RQ_MAINTENANCE_SECONDS shortens that, so a county report a
  coordinator waits for is finished a minute or two after its worker died, not a quarter
  of an hour."""

from django.conf import settings
from django_rq.queues import DjangoRQ
from rq import Worker as RQWorker
from rq.job import Retry


class RetryingQueue(DjangoRQ):
    def create_job(self, *args, retry=None, **kwargs):
        if retry is None:
            retry = Retry(max=settings.RQ_TASK_RETRIES)
        return super().create_job(*args, retry=retry, **kwargs)


class Worker(RQWorker):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", settings.RQ_MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)
