"""Sample data shipped with gridmap (installed as ``gridmap_data``).

``demo/recipe.toml`` and ``demo/names.toml`` are the recipe of the built-in demo
street office; ``gridmap.demo`` turns them into a project file.
"""
