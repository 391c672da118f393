"""Cases (有呼必应): residents' requests and incidents from report to closure.

``workflow`` says which step may follow which; ``settings`` holds the project's
categories, deadlines and who handles what (metadata key ``cases``);
``routing`` finds the grid and the person for a place; ``stats`` counts per
grid, community, category and month. The edits are in ``gridmap.commands.cases``.
"""
