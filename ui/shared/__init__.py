"""The window on a shared project (PostgreSQL/PostGIS): opening one, the servers remembered, and following the
other desks' commits as they happen (or saying the server cannot be reached, and catching up when it can)."""
