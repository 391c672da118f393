"""Offline copies of one community of a shared project: ``gridmap checkout``
takes one (the community's rows editable, its neighbours read-only for
snapping, a block of ids for new rows), the copy is edited like any project,
and ``gridmap checkin`` sends its edits back, listing each row changed on both
sides for the user to choose.

subtree.py   which rows a copy holds, editable or read-only
checkout.py  the copy written, with its record (gridmap/storage/offline_copy.py)
changes.py   what the copy changed, what the server changed, the conflicts (pure)
checkin.py   the edits compared, the rules checked, one commit, the copy re-based
problems.py  the rule problems that are a copy's own (not its neighbours', held in part)
errors.py    what stands in the way, in words
"""
