"""`python -m careerkit`."""

from careerkit.cli import main

if __name__ == "__main__":
    main()
