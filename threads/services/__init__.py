"""Writes of the threads domain: chat, labels, categories, classification, backfill, usage reports."""

from threads.services.backfill import backfill_chunk_process, backfill_plan, backfill_run_inline, backfill_start
from threads.services.categories import (
    DEFAULT_CATEGORIES,
    categories_seed_defaults,
    category_create,
    category_delete,
    category_update,
)
from threads.services.chat import (
    CATEGORY_NOT_IN_PROJECT,
    ThreadNotFound,
    chat_ask,
    chat_record,
    thread_set_category_by_user,
)
from threads.services.classification import (
    classification_enqueue,
    classify_live_batch,
    sweep_enqueue,
    thread_label_by_classifier,
    threads_classify,
)
from threads.services.reports import report_period_end, usage_report_send, usage_report_team_ids

__all__ = [
    "CATEGORY_NOT_IN_PROJECT",
    "DEFAULT_CATEGORIES",
    "ThreadNotFound",
    "backfill_chunk_process",
    "backfill_plan",
    "backfill_run_inline",
    "backfill_start",
    "categories_seed_defaults",
    "category_create",
    "category_delete",
    "category_update",
    "chat_ask",
    "chat_record",
    "classification_enqueue",
    "classify_live_batch",
    "report_period_end",
    "sweep_enqueue",
    "thread_label_by_classifier",
    "thread_set_category_by_user",
    "threads_classify",
    "usage_report_send",
    "usage_report_team_ids",
]
