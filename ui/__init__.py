"""The Qt application: main window, canvas, tools, docks, dialogs. All translatable text lives here."""
