"""The rules a partition keeps (全覆盖、无缝隙、不重叠, and grid sizes), checked over a project."""
