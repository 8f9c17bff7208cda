"""A test-only app for the real-worker tests (tests/core/test_worker.py): it makes an import
block or raise at a known point, inside the worker process, without any hook in the product.

An import of a file named ``block.csv`` sleeps as soon as its batch is saved as running (so the
test can kill the worker mid-import); one named ``explode.csv`` raises there.
"""

from __future__ import annotations

import time

from django.apps import AppConfig
from django.db.models.signals import post_save

BLOCK = "block.csv"
EXPLODE = "explode.csv"


def _on_batch_saved(sender, instance, **kwargs) -> None:
    if instance.status != "running":
        return
    if instance.filename == BLOCK:
        time.sleep(3600)  # until the test kills the worker
    if instance.filename == EXPLODE:
        raise RuntimeError("disk on fire")


class WorkerHooksConfig(AppConfig):
    name = "tests.core.worker_hooks"
    label = "worker_hooks"

    def ready(self) -> None:
        from onefuture.measures.models import ImportBatch

        post_save.connect(_on_batch_saved, sender=ImportBatch, dispatch_uid="worker-hooks")
