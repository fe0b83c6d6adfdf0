"""Load this platform's own documentation into the demo project's chat knowledge library."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Project

SOURCE = "platform-docs"  # document metadata marking what this command loaded
MAX_CHARS = 1200


def doc_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return [base / "README.md", *sorted(base.glob("*/README.md"))]


def chunk_markdown(text: str, max_chars: int = MAX_CHARS) -> list[tuple[str, str]]:
    """(section heading, passage) pairs: one per `##`/`###` section, long sections split on paragraphs."""
    chunks: list[tuple[str, str]] = []
    for section in re.split(r"\n(?=#{1,3} )", text):
        heading = section.splitlines()[0].lstrip("# ").strip() if section.strip() else ""
        passage = ""
        for paragraph in re.split(r"\n\s*\n", section):
            if passage and len(passage) + len(paragraph) > max_chars:
                chunks.append((heading, passage.strip()))
                passage = ""
            passage += paragraph[: max_chars * 2] + "\n\n"
        if passage.strip():
            chunks.append((heading, passage.strip()))
    return chunks


class Command(BaseCommand):
    help = "Chunk the platform's README files into a project's chat knowledge library (once per project)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", default="demo", help="Project id or slug (default: demo).")
        parser.add_argument("--force", action="store_true", help="Load again even if already loaded.")

    def handle(self, *args, project: str, force: bool, **options) -> None:
        from threads.retrieval import knowledge_library_get_or_create
        from vectordb.models import Document
        from vectordb.services import chunks_upsert, document_create

        lookup = {"pk": int(project)} if project.isdigit() else {"slug": project}
        matches = list(Project.objects.filter(**lookup)[:2])
        if len(matches) != 1:
            raise CommandError(f"No single project matches {project!r}; give its id.")
        library = knowledge_library_get_or_create(project_id=matches[0].pk)
        if not force and Document.objects.filter(library=library, metadata__source=SOURCE).exists():
            self.stdout.write(f"Chat knowledge of {matches[0]} already holds the platform docs.")
            return
        total = 0
        for path in doc_files():
            name = str(path.relative_to(settings.BASE_DIR))
            document = document_create(library=library, title=name, metadata={"source": SOURCE, "path": name})
            pieces = chunk_markdown(path.read_text())
            chunks_upsert(
                library=library,
                chunks=[
                    {
                        "document_id": str(document.uuid),
                        "text": f"{name} — {heading}\n\n{text}",
                        "metadata": {"path": name},
                    }
                    for heading, text in pieces
                ],
            )
            total += len(pieces)
        self.stdout.write(f"Chat knowledge of {matches[0]}: {total} passages from {len(doc_files())} README files.")
