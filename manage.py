#!/usr/bin/env python
"""Kept for habit; `pusselbit` (the installed console script) does the same."""

from pusselbit.__main__ import main

if __name__ == "__main__":
    main()
