"""`python -m scheduler` runs the `schedule` command."""

from scheduler.cli import main

main()
