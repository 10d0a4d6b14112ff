"""The engine: one pipeline for build, serve and check (see ``careers.engine.engine``)."""

from careers.engine.engine import SKILLS_FILE, Engine, Options, Report, Target, build

__all__ = ["SKILLS_FILE", "Engine", "Options", "Report", "Target", "build"]
