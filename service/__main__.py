"""``python -m service``: the same command line as ``reportedly``."""

from service.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
