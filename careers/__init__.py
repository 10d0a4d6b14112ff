"""careers: a static site generator for a company's careers page."""

__version__ = "0.1.0"
