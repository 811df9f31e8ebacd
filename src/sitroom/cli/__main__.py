"""`python -m sitroom.cli` runs the command line."""

from sitroom.cli import cli

cli()
