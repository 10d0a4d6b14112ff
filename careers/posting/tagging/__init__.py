"""Stage 3: skills, experience and level, education, read from a cleaned posting (``tag``).

The package itself imports nothing: a build with nothing to tag (no change) loads the
vocabulary (``vocabulary_files``) without compiling the readers' patterns.
"""
