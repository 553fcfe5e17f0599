"""`python -m triage`: the same command as `triage`."""

from .cli import main

if __name__ == "__main__":  # not when a parser worker process imports it (multiprocessing re-imports __main__)
    main()
