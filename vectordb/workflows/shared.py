"""Names and limits shared by the workflow, its activities, the client and the API (pure: no I/O,
so the workflow sandbox may import it)."""

from __future__ import annotations

WORKFLOW_TYPE = "QueryWorkflow"
STEPS = ("preprocess", "retrieve", "rerank", "answer")
# The activity type of each step (what the Temporal UI and history show).
ACTIVITIES = {
    "preprocess": "preprocess_question",
    "retrieve": "retrieve_candidates",
    "rerank": "rerank_candidates",
    "answer": "generate_answer",
}
STEP_OF_ACTIVITY = {activity: step for step, activity in ACTIVITIES.items()}
ANSWER_MODES = ("auto", "extractive", "llm", "none")
MAX_K = 50
MAX_CANDIDATES = 200
MAX_QUESTION_CHARS = 2000
MAX_ATTEMPTS = 5
# ApplicationError types of failures that no retry can pass.
PERMANENT = "PermanentStepError"
