"""Settings for the test suite: the normal settings with testing switched on."""

import os

os.environ["GONGKAI_TESTING"] = "1"

from gongkai.settings import *  # noqa: E402, F403

MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
GONGKAI_SEARCH_INDEX_DIR = VAR_DIR / "test-search"  # noqa: F405
GONGKAI_CACHE_DIR = VAR_DIR / "test-cache"  # noqa: F405
GONGKAI_JOB_FILES_DIR = VAR_DIR / "test-job-files"  # noqa: F405
