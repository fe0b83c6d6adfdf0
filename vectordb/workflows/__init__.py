"""The vector database's durable query pipeline on Temporal (see vectordb/PIPELINE.md).

shared (names and limits, pure) · workflow (`QueryWorkflow`, deterministic) · activities (the four
steps) · worker (`manage.py temporal_worker`) · client (start, read and signal runs from Django).
"""
