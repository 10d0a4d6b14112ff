"""Advice on a posting's wording for ``check --advice``: suggestions with their reasons, never errors."""
