"""The task worker of the holdings checks, run in the test's process and transaction."""

import pytest


def run_holdings_worker() -> int:
    """Do what ``manage.py holdings_worker`` does for every queued check: take the next ready task of the
    "holdings" queue from the database, claim it and run it through django-tasks-db's own worker; the number run.
    (The worker's loop itself wraps this in ``BEGIN EXCLUSIVE`` on SQLite, which cannot nest in a test's
    transaction, so the loop is this one.)"""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(queue_names=["holdings"], interval=0, batch=True, backend_name="holdings", startup_delay=False,
                    max_tasks=None, worker_id="test-worker")
    count = 0
    while True:
        task_result = DBTaskResult.objects.ready().filter(backend_name="holdings", queue_name="holdings").get_locked()
        if task_result is None:
            return count
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)
        count += 1


@pytest.fixture
def holdings_worker():
    return run_holdings_worker
