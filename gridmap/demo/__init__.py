"""The built-in demo street office, generated deterministically from ``data/demo``.

``gridmap.demo.build.write_demo(path)`` writes it; see ``data/demo/recipe.toml``.
"""
