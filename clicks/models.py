"""Pages, their clusters (running sums, so a click is decided without reading other clicks), clicks."""

from __future__ import annotations

from django.db import models

PAGE_UUID_MAX_LENGTH = 255


class ClickPage(models.Model):
    """One page of a client site. Its row is the lock that serialises the saves of that page."""

    uuid = models.CharField(max_length=PAGE_UUID_MAX_LENGTH, unique=True)
    click_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    last_click_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_click_at"]

    def __str__(self) -> str:
        return self.uuid


class ClickCluster(models.Model):
    """A cluster of one page: zero-based index in creation order and the running sums of its clicks."""

    page = models.ForeignKey(ClickPage, on_delete=models.CASCADE, related_name="clusters")
    idx = models.PositiveIntegerField()
    count = models.PositiveIntegerField()
    sum_x = models.FloatField()
    sum_y = models.FloatField()
    sum_sq = models.FloatField(help_text="Σ(x² + y²) of the cluster's clicks, for its spread")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["page_id", "idx"]
        constraints = [models.UniqueConstraint(fields=["page", "idx"], name="clicks_cluster_unique_idx_per_page")]

    def __str__(self) -> str:
        return f"{self.page.uuid} #{self.idx}"

    @property
    def centroid_x(self) -> float:
        return self.sum_x / self.count

    @property
    def centroid_y(self) -> float:
        return self.sum_y / self.count


class Click(models.Model):
    """Every saved click, with the cluster it joined (or opened)."""

    page = models.ForeignKey(ClickPage, on_delete=models.CASCADE, related_name="clicks")
    cluster = models.ForeignKey(ClickCluster, on_delete=models.CASCADE, related_name="clicks")
    x = models.FloatField()
    y = models.FloatField()
    is_new_cluster = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["page_id", "id"]
        indexes = [models.Index(fields=["page", "created_at"], name="clicks_click_page_time")]

    def __str__(self) -> str:
        return f"({self.x:.4f}, {self.y:.4f}) on {self.page_id}"
