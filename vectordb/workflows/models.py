"""A row per pipeline run (registered with the `vectordb` app through `vectordb.models`).

Only what tenancy needs: which project a run belongs to, so an unknown or foreign run id is a 404 or
403 without asking Temporal. Everything else about the run (inputs, steps, attempts, errors,
outputs, result) lives in its workflow history on the Temporal server, the engine of record.
"""

from __future__ import annotations

from django.db import models


class PipelineRun(models.Model):
    id = models.CharField(primary_key=True, max_length=32, help_text="The run id, which is the workflow id.")
    project = models.ForeignKey("accounts.Project", on_delete=models.CASCADE, related_name="+")
    library_id_at_start = models.BigIntegerField(help_text="The library asked (it may since have been deleted).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "vectordb"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"pipeline run {self.pk}"
