"""The engine: one pipeline for build, serve and check (see ``careers.engine.engine``)."""

from careers.engine.engine import SKILLS_FILE, Engine, build
from careers.engine.options import Options, Report, Target

__all__ = ["SKILLS_FILE", "Engine", "Options", "Report", "Target", "build"]
