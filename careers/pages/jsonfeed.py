"""``feed.json``: the open postings as a JSON Feed 1.1, each item's JobPosting as its ``_jobposting``.

The shape Teamtailor publishes its boards in: a feed reader reads the items, an aggregator the
schema.org ``JobPosting`` each carries (the very one on the posting's page). Dates come from the
postings: ``date_published`` the date posted, ``date_modified`` the file's last change.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from careers.config import Config
from careers.model import Posting, Site
from careers.pages.feeds import published
from careers.pages.jsonld import absolute_url, description_html, job_posting

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(site: Site, config: Config) -> bytes | None:
    """Every open posting as a JSON Feed item (none without an absolute ``base_url``)."""
    home = absolute_url(config, "")
    if home is None:
        return None
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": config.title,
        "home_page_url": home,
        "feed_url": absolute_url(config, "feed.json"),
        "language": config.language,
        "authors": [{"name": config.company or config.title}],
    }
    if config.intro:
        feed["description"] = config.intro
    feed["items"] = [feed_item(posting, config) for posting in published(site)]
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def feed_item(posting: Posting, config: Config) -> dict[str, Any]:
    url = absolute_url(config, f"jobs/{posting.slug}/")
    item: dict[str, Any] = {"id": url, "url": url, "title": posting.title}
    item["content_html"] = description_html(posting)
    if posting.summary:
        item["summary"] = posting.summary
    if posting.date_posted:
        item["date_published"] = _instant(posting.date_posted)
    changed = max((d for d in (posting.updated, posting.date_posted) if d), default=None)
    if changed:
        item["date_modified"] = _instant(changed)
    if posting.company and posting.company != config.company:
        item["authors"] = [{"name": posting.company}]
    tags = [tag.name for tag in posting.skills]
    if tags:
        item["tags"] = tags
    item["_jobposting"] = job_posting(posting, config)
    return item


def _instant(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
