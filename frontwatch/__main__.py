"""``python -m frontwatch``: the command line, as the ``frontwatch`` script runs it."""

from frontwatch.cli import app

app(prog_name="frontwatch")
