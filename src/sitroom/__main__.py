"""`python -m sitroom` runs the command line."""

from sitroom.cli import cli

cli()
