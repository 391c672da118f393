"""The command stack: do/undo/redo, labels, merging, refusals that change nothing,
signals, and the building → grid link kept in step with geometry."""

import datetime as dt

import pytest
import shapely
from shapely.geometry import MultiPolygon

from gridmap.commands.geometry import SetBuildingFootprint, SetZoneGeometry
from gridmap.commands.households import EditHouseholds
from gridmap.commands.stack import Command
from gridmap.errors import EditError, ProjectWriteError
from gridmap.model.changes import RowChange
from gridmap.project import Project
from tests.factories import X0, Y0, box


def test_edit_undo_redo_round_trip(project):
    before = project.tables["households"][5]
    project.undo_stack.push(EditHouseholds([5], occupancy="租户", people=3, note="新租户"))
    after = project.tables["households"][5]
    assert (after.occupancy, after.people, after.note) == ("租户", 3, "新租户")
    assert project.undo_stack.undo_label == "Edit household"
    project.undo_stack.undo()
    assert project.tables["households"][5] == before
    assert project.undo_stack.redo_label == "Edit household"
    project.undo_stack.redo()
    assert project.tables["households"][5] == after
    assert not project.undo_stack.can_redo


def test_every_edit_reaches_the_file_at_once(project):
    project.undo_stack.push(EditHouseholds([1, 2, 3], follow_up=True, last_checked=dt.date(2026, 11, 2)))
    other = Project.open(project.path, read_only=True)  # a second reader sees the committed state
    try:
        assert all(other.tables["households"][i].follow_up for i in (1, 2, 3))
        assert other.tables["households"][1].last_checked == dt.date(2026, 11, 2)
    finally:
        other.close()


def test_change_log_says_who_when_what(project):
    project.undo_stack.push(EditHouseholds([7], occupancy="空户", people=0))
    project.undo_stack.undo()
    rows = sorted(project.tables["change_log"].values(), key=lambda e: e.id)
    assert [(r.table_name, r.row_id, r.field, r.old, r.new, r.action) for r in rows] == [
        ("households", 7, "occupancy", "常住", "空户", "do"), ("households", 7, "people", "2", "0", "do"),
        ("households", 7, "occupancy", "空户", "常住", "undo"), ("households", 7, "people", "0", "2", "undo")]
    assert {r.who for r in rows} == {"tester"}
    assert rows[0].at == dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    assert rows[2].at > rows[0].at


def test_tags_add_and_remove_leave_others_alone(project):
    project.undo_stack.push(EditHouseholds([1, 3], add_tags={"独居"}, remove_tags={"微信进群"}))
    assert project.tables["households"][1].tags == frozenset({"独居"})
    assert project.tables["households"][3].tags == frozenset({"独居"})


def test_one_edit_sets_fields_and_changes_tags_as_one_logged_step(project):
    before = {h: project.tables["households"][h] for h in (1, 3)}
    project.undo_stack.push(EditHouseholds([1, 3], add_tags={"空巢"}, remove_tags={"微信进群"}, follow_up=True))
    assert [(project.tables["households"][h].tags, project.tables["households"][h].follow_up) for h in (1, 3)] == [
        ({"空巢"}, True), ({"空巢"}, True)]
    assert len(project.undo_stack) == 1 and project.undo_stack.undo_label == "Edit households"
    assert sorted((r.row_id, r.field, r.old, r.new) for r in project.tables["change_log"].values()) == [
        (1, "follow_up", "0", "1"), (1, "tags", "微信进群", "空巢"),
        (3, "follow_up", "0", "1"), (3, "tags", "", "空巢")]
    project.undo_stack.undo()
    assert {h: project.tables["households"][h] for h in (1, 3)} == before
    with pytest.raises(EditError, match="cannot both add and remove 空巢"):
        EditHouseholds([1], add_tags={"空巢"}, remove_tags={"空巢"})


@pytest.mark.parametrize("values, words", [
    ({"occupancy": "借住"}, "occupancy must be one of"),
    ({"tags": {"未定义标签"}}, "unknown tag"),
    ({"people": -1}, "negative"),
])
def test_refused_edit_changes_nothing(project, values, words):
    data = project.path.read_bytes()
    with pytest.raises(EditError, match=words):
        project.undo_stack.push(EditHouseholds([4], **values))
    assert len(project.undo_stack) == 0 and not project.tables["change_log"]
    reopened = Project.open(project.path, read_only=True)
    assert reopened.tables["households"] == project.tables["households"]
    reopened.close()
    assert project.path.read_bytes() == data


@pytest.mark.parametrize("values", [{"people": "3"}, {"people": True}, {"building_id": 2}, {"follow_up": 1}])
def test_wrong_field_or_type_is_refused_before_anything_happens(values):
    with pytest.raises(EditError):
        EditHouseholds([1], **values)


def test_a_failed_write_leaves_memory_and_file_as_they_were(project):
    before = dict(project.tables["households"])

    class Broken(Command):
        label = "broken"

        def build(self, p):
            good = RowChange("households", p.tables["households"][1],
                             p.tables["households"][1].__class__(**{**vars_of(p.tables["households"][1]), "note": "x"}))
            dangling = RowChange("units", None,
                                 p.tables["units"][1]._replace(id=999, building_id=12345))  # no building 12345
            return (good, dangling)

    held = list(project._ids)
    with pytest.raises(ProjectWriteError, match="FOREIGN KEY") as caught:
        project.undo_stack.push(Broken())
    assert caught.value.kind == "refused"
    assert project.tables["households"] == before and 999 not in project.tables["units"]
    assert not project.tables["change_log"] and len(project.undo_stack) == 0 and list(project._ids) == held
    reopened = Project.open(project.path, read_only=True)
    assert reopened.tables["households"] == before and 999 not in reopened.tables["units"]
    reopened.close()


def vars_of(record):
    return record._asdict()


def test_no_op_edit_is_not_recorded(project):
    assert project.undo_stack.push(EditHouseholds([1], occupancy="常住")) is False
    assert len(project.undo_stack) == 0


def test_signals_announce_changes(project):
    seen, stack_events = [], []
    project.changed.connect(seen.append)
    project.undo_stack.changed.connect(lambda: stack_events.append(project.undo_stack.index))
    project.undo_stack.push(EditHouseholds([2], note="a"))
    project.undo_stack.undo()
    assert [c[0].after.note for c in seen] == ["a", ""]
    assert stack_events == [1, 0]


class _SetNote(EditHouseholds):
    def merge_key(self):
        return ("note", self.household_ids)


def test_typing_merges_into_one_undo_step(project):
    for text in ("每", "每周", "每周电话"):
        project.undo_stack.push(_SetNote([1], note=text))
    assert len(project.undo_stack) == 1
    project.undo_stack.undo()
    assert project.tables["households"][1].note == ""


def test_new_edit_after_undo_drops_redo(project):
    stack = project.undo_stack
    stack.push(EditHouseholds([1], note="a"))
    stack.push(EditHouseholds([1], note="b"))
    stack.undo()
    stack.push(EditHouseholds([1], note="c"))
    assert len(stack) == 2 and not stack.can_redo
    stack.undo()
    assert project.tables["households"][1].note == "a"


def test_moving_a_building_moves_it_to_the_other_grid(project):
    building = project.tables["buildings"][1]
    assert building.zone_id == 3
    project.undo_stack.push(SetBuildingFootprint(1, shapely.box(X0 + 150, Y0 + 60, X0 + 176, Y0 + 71)))
    assert project.tables["buildings"][1].zone_id == 4
    assert isinstance(project.tables["buildings"][1].geometry, MultiPolygon)  # promoted on entry
    project.undo_stack.undo()
    assert project.tables["buildings"][1] == building


def test_redrawing_a_grid_takes_its_buildings_along(project):
    # Grid 2 grows west over building 2 (x 60–86) while grid 1 shrinks: both as one step.
    project.undo_stack.push(SetZoneGeometry(3, box(0, 0, 55, 100)))
    project.undo_stack.push(SetZoneGeometry(4, box(55, 0, 200, 100)))
    zones = {b.id: b.zone_id for b in project.tables["buildings"].values()}
    assert zones == {1: 3, 2: 4, 3: 4}
    project.undo_stack.undo()
    project.undo_stack.undo()
    assert {b.id: b.zone_id for b in project.tables["buildings"].values()} == {1: 3, 2: 3, 3: 4}


def test_bad_geometry_is_refused(project):
    with pytest.raises(EditError, match="invalid"):
        SetBuildingFootprint(1, shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]))  # bow-tie
    with pytest.raises(EditError, match="expected MULTIPOLYGON"):
        SetBuildingFootprint(1, shapely.LineString([(0, 0), (1, 1)]))
