"""The resolve stage: reports -> stories (linking, echo detection, merging, corroboration).

Pure functions over ``newstrace.report/1`` dicts; see docs/stories.md.
"""

from newstrace.resolve.incremental import Update, keys_for, update
from newstrace.resolve.merge import build_stories, merge, story_id
from newstrace.resolve.quality import bcubed, evaluate, main_stories, pairwise

__all__ = [
    "Update",
    "bcubed",
    "build_stories",
    "evaluate",
    "keys_for",
    "main_stories",
    "merge",
    "pairwise",
    "story_id",
    "update",
]
