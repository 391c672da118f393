"""Staffing (定格、定人、定职): who is responsible for each grid, building and
household, the rules that say whether everything is covered, and workloads."""
