"""``python -m macros``: the contributor's and the build's commands."""
