"""What a build keeps under ``.cache/``, behind one door: nothing outside ``careers.engine`` imports it."""
