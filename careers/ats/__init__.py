"""Applicant tracking systems: their saved exports and public boards, read into posting files."""
