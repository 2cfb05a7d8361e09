"""`python -m conflictatlas`: the command line, for when the `conflictatlas` script is not on PATH."""

from conflictatlas.cli import main

main()
