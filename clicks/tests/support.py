"""Where the public click cases live for the tests (beside the repository, as in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("CLICKS_CASES_DIR") or REPOSITORY.parent / "shared" / "clicks-cases")

needs_cases = pytest.mark.skipif(
    not CASES_DIR.is_dir(), reason=f"the public click cases are not at {CASES_DIR} (set CLICKS_CASES_DIR)"
)
