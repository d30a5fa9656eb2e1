"""Real-browser tests of the kit (a package, so its conftest does not shadow tests/conftest.py)."""
