"""Pay-transparency laws as data, and what each asks of a posting (none of it legal advice)."""
