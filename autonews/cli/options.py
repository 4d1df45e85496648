"""Options shared by several commands."""

from __future__ import annotations

import click

from autonews.store.engine import DEFAULT_DATABASE_URL

db_option = click.option(
    "--db",
    "database_url",
    default=DEFAULT_DATABASE_URL,
    show_default=True,
    envvar="AUTONEWS_DATABASE_URL",
    help="SQLAlchemy URL of the database (or env AUTONEWS_DATABASE_URL).",
)


def site_option(help_text: str = "The site profile, i.e. the spider to run."):
    from autonews.sites import SITES

    return click.option(
        "--site", default="qiche", show_default=True, type=click.Choice(sorted(SITES)), help=help_text
    )


class Day(click.ParamType):
    """``2024-11-01``, ``2024-11`` or ``2024`` (``autonews.dates.spec``), as an ISO day string."""

    name = "DAY"

    def convert(self, value, param, ctx):
        from autonews.dates.spec import parse_day

        try:
            return parse_day(str(value)).isoformat()
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DAY = Day()

# A filter, not a profile: ``articles.site`` is a profile's name or, for a site with no
# profile, its host, so any value is allowed (one no row has matches nothing).
SITE_FILTER = click.option(
    "--site",
    default=None,
    metavar="SITE",
    help="Only this site's articles (qiche, or a host; see: autonews sites).",
)
