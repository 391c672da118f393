"""Workbooks people bring and take away: rosters read from Excel (or CSV) with
Chinese headers, checked row by row before anything is written."""
