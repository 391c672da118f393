"""Property: undoing any sequence of household edits restores the previous state
exactly, in memory and in the file; the change log holds one row per change."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridmap.commands.households import EditHouseholds
from gridmap.model.entities import DEFAULT_TAGS, OCCUPANCIES
from gridmap.project import Project
from tests.conftest import TickingClock
from tests.factories import small_project

TAGS = [name for name, _, _ in DEFAULT_TAGS]
HOUSEHOLDS = st.integers(1, 36)

field_values = st.one_of(
    st.fixed_dictionaries({"occupancy": st.sampled_from(OCCUPANCIES)}),
    st.fixed_dictionaries({"people": st.integers(0, 8)}),
    st.fixed_dictionaries({"follow_up": st.booleans()}),
    # any text the editing API takes: no control, format or separator characters (see model/validation.py)
    st.fixed_dictionaries({"note": st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp")),
                                           max_size=12)}),
    st.fixed_dictionaries({"tags": st.frozensets(st.sampled_from(TAGS))}),
    st.fixed_dictionaries({"last_checked": st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1))}),
    st.fixed_dictionaries({"occupancy": st.sampled_from(OCCUPANCIES), "people": st.integers(0, 8)}),
)
edit = st.one_of(
    st.tuples(st.lists(HOUSEHOLDS, min_size=1, max_size=4, unique=True), field_values).map(
        lambda a: EditHouseholds(a[0], **a[1])),
    st.tuples(st.lists(HOUSEHOLDS, min_size=1, max_size=3, unique=True), st.sets(st.sampled_from(TAGS), max_size=2),
              st.sets(st.sampled_from(TAGS), max_size=2)).filter(lambda a: not a[1] & a[2]).map(
        lambda a: EditHouseholds(a[0], add_tags=a[1], remove_tags=a[2])),
)


def _changed_fields(before, after):
    return sum(getattr(before, f) != getattr(after, f) for f in before._fields)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(edit, min_size=1, max_size=12), undo_count=st.integers(0, 12))
def test_undo_restores_every_earlier_state_and_log_counts_changes(tmp_path_factory, edits, undo_count):
    path = tmp_path_factory.mktemp("prop") / "p.gpkg"
    project = small_project(path, user="tester", clock=TickingClock())
    try:
        states = [dict(project.tables["households"])]
        fields_changed = []  # per recorded step
        for command in edits:
            before = dict(project.tables["households"])
            if project.undo_stack.push(command):
                after = project.tables["households"]
                fields_changed.append(sum(_changed_fields(before[k], after[k]) for k in before))
                states.append(dict(after))
            # one log row per changed field, no more, no fewer
            assert len(project.tables["change_log"]) == sum(fields_changed)

        undo_count = min(undo_count, project.undo_stack.index)
        for _ in range(undo_count):
            project.undo_stack.undo()
        target = states[len(states) - 1 - undo_count]
        assert project.tables["households"] == target
        # each undo is logged too, one row per field it put back
        undone = sum(fields_changed[len(fields_changed) - undo_count:])
        log = list(project.tables["change_log"].values())
        assert sum(e.action == "undo" for e in log) == undone
        assert len(log) == sum(fields_changed) + undone

        # the file says the same as memory
        project.close()
        reopened = Project.open(path)
        assert reopened.tables["households"] == target
        assert reopened.tables["change_log"] == project.tables["change_log"]
        reopened.close()
    finally:
        project.close()


def test_undo_all_after_many_edits_gives_the_original_file_state(project):
    original = dict(project.tables["households"])
    for i in range(1, 37):
        project.undo_stack.push(EditHouseholds([i], people=i % 5, note=f"n{i}"))
    while project.undo_stack.can_undo:
        project.undo_stack.undo()
    assert project.tables["households"] == original
    log = list(project.tables["change_log"].values())
    assert sum(e.action == "do" for e in log) == sum(e.action == "undo" for e in log)
