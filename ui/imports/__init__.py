"""Dialogs that bring workbooks into the project: a preview first, then one undoable step."""
