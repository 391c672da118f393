"""Edits as commands: each builds row changes; the stack applies and undoes them."""
