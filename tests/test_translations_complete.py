"""Every text gridmap hands the window to translate has a finished Chinese translation in
resources/translations/gridmap_zh_CN.ts, reached the way the window reaches it:

- the undo labels (``QCoreApplication.translate("Commands", label)``, ui/undo_actions.py),
  each listed in ui/command_names.py, which is how lupdate collects them;
- the rule titles and quick-fix titles of the Problems dock (ui/docks/problems.py);
- every message of a table in a ``messages.py`` and every :class:`~gridmap.reasons.Reason`
  gridmap builds, in the context it builds it with (ui/reason_text.py translates it there).

tests/test_no_english.py scans these texts for English words; here each must be a
*finished* entry of the catalogue, so a new label, rule or message fails until translated.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from tests.test_no_english import _command_labels
from tests.test_translations import TS, _messages

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = _messages(TS)  # (context, English) -> the finished Chinese, or None


def _untranslated(said: dict[tuple[str, str], str]) -> list[str]:
    """"context: English → what the window shows" of each text the catalogue does not finish
    or the window does not show as the catalogue says."""
    return [f"{context}: {text!r} → {shown!r}" for (context, text), shown in sorted(said.items())
            if not CATALOGUE.get((context, text)) or shown != CATALOGUE[context, text]]


def _sources(*folders: str) -> list[tuple[str, str]]:
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
            for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))]


# -- undo labels ---------------------------------------------------------------------


def _texts(node: ast.AST) -> set[str]:
    """The strings an argument can be: "A", "A" if … else "B"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} if node.value else set()
    if isinstance(node, ast.IfExp):
        return _texts(node.body) | _texts(node.orelse)
    return set()


def labels_passed(sources: list[tuple[str, str]]) -> set[str]:
    """Labels given to a constructor that takes a ``label``: ``TrimZone(z, cut, "Remove overlap")``
    or ``label="…"`` (tests/test_no_english.py reads the labels a command class sets itself)."""
    trees = [ast.parse(code, filename=where) for where, code in sources]
    position = {}  # class name -> index of ``label`` among the arguments after self
    for tree in trees:
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for init in (n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"):
                names = [a.arg for a in init.args.args[1:]]
                if "label" in names:
                    position[cls.name] = names.index("label")
    labels = set()
    for tree in trees:
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name not in position:
                continue
            labels |= set().union(*(_texts(k.value) for k in call.keywords if k.arg == "label"))
            if len(call.args) > position[name]:
                labels |= _texts(call.args[position[name]])
    return labels


def command_labels() -> set[str]:
    return _command_labels() | labels_passed(_sources("gridmap", "ui"))


def test_the_label_finder_sees_labels_passed_to_a_command():
    code = '''
class Trim(Command):
    def __init__(self, zone, cut, label="Trim zone"):
        self.label = label
Trim(1, cut, "Remove overlap")
Trim(1, cut, label="Trim to parent" if outside else "Trim zone")
Trim(1, cut)
'''
    assert labels_passed([("sample.py", code)]) == {"Remove overlap", "Trim to parent", "Trim zone"}


def test_every_undo_label_is_listed_for_lupdate_and_finished_in_chinese():
    from ui.command_names import LABELS

    labels = command_labels()
    assert {"Remove overlap", "Trim to parent", "Import features", "Split zone"} <= labels
    assert sorted(labels - set(LABELS)) == [], "add these to ui/command_names.py, then translate them"
    said = {("Commands", label): QCoreApplication.translate("Commands", label) for label in labels}
    assert "\n".join(_untranslated(said)) == ""


def test_the_label_list_names_only_labels_a_command_carries():
    from ui.command_names import LABELS

    assert sorted(set(LABELS) - command_labels()) == [], "no command carries these labels any more"


# -- rule and fix titles -------------------------------------------------------------


def test_every_rule_and_quick_fix_has_a_finished_chinese_title():
    from gridmap.rules.messages import CONTEXT, RULE_TITLES
    from gridmap.rules.problems import RULES
    from ui.docks.problems import FIX_TITLES, fix_title, rule_title

    assert sorted(set(RULES) - set(RULE_TITLES)) == [], "give these rules a title in gridmap/rules/messages.py"
    fixes = {rule.fix for rule in RULES.values() if rule.fix}
    assert sorted(fixes - set(FIX_TITLES)) == [], "give these fixes a title in ui/docks/problems.py"
    said = {(CONTEXT, RULE_TITLES[rule]): rule_title(rule) for rule in RULES}
    said |= {("Rules", FIX_TITLES[fix]): fix_title(fix) for fix in fixes}
    assert len(said) == len(RULES) + len(fixes) and "\n".join(_untranslated(said)) == ""


# -- messages and reasons ------------------------------------------------------------


def _marked(node: ast.AST) -> tuple[str, str] | None:
    """(context, English) of a ``QT_TRANSLATE_NOOP("Context", "text")`` call."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP" and len(node.args) == 2 \
            and all(isinstance(a, ast.Constant) for a in node.args):
        return node.args[0].value, node.args[1].value
    return None


def message_tables(sources: list[tuple[str, str]]) -> tuple[set[tuple[str, str]], list[str]]:
    """The (context, English) of every entry of a module's table of marked messages (a dict,
    tuple or list literal with a ``QT_TRANSLATE_NOOP`` in it), and "where: entry" of each entry
    of such a table that is a plain string, which lupdate would never collect."""
    marked, unmarked = set(), []
    for where, code in sources:
        for node in ast.parse(code, filename=where).body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            entries = value.values if isinstance(value, ast.Dict) else \
                value.elts if isinstance(value, (ast.Tuple, ast.List)) else []
            found = [_marked(e) for e in entries]
            if any(found):
                marked |= {m for m in found if m}
                unmarked += [f"{where}:{e.lineno}: {e.value!r}" for e, m in zip(entries, found)
                             if not m and isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return marked, unmarked


def test_the_table_reader_sees_an_unmarked_entry():
    code = '''
CONTEXT = "Edits"
REFUSALS = {
    "gone": QT_TRANSLATE_NOOP("Edits", "the building is gone"),
    "stale": "the plan is stale",
}
'''
    assert message_tables([("sample.py", code)]) == ({("Edits", "the building is gone")},
                                                     ["sample.py:5: 'the plan is stale'"])


def test_every_message_in_a_table_is_marked_and_finished_in_chinese():
    sources = [(where, code) for where, code in _sources("gridmap") if where.endswith("messages.py")]
    marked, unmarked = message_tables(sources)
    assert unmarked == [], "wrap these in QT_TRANSLATE_NOOP"
    contexts = {context for context, _text in marked}
    assert {"Rules", "Roster", "Edits", "GisImport", "Records", "Shapes", "ZoneNames", "Partition"} <= contexts
    said = {(context, text): QCoreApplication.translate(context, text) for context, text in marked}
    assert "\n".join(_untranslated(said)) == ""


def _held(node: ast.AST, module: str):
    """What a constant or a module-level name of ``module`` holds."""
    if isinstance(node, ast.Constant):
        return node.value
    return getattr(importlib.import_module(module), node.id, None) if isinstance(node, ast.Name) else None


def _templates(node: ast.AST, module: str) -> set[str]:
    """The templates a Reason's second argument can be: a string, a constant, an entry of a table."""
    if isinstance(node, ast.Subscript):  # REFUSALS[key]: any entry
        node = node.value
    elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get":  # TITLES.get(key, DEFAULT)
        return _templates(node.func.value, module) | set().union(*(_templates(a, module) for a in node.args[1:]))
    held = _held(node, module)
    if isinstance(held, dict):
        held = list(held.values())
    if isinstance(held, str):
        return {held}
    return {t for t in held if isinstance(t, str)} if isinstance(held, (tuple, list, set, frozenset)) else set()


def reason_templates(sources: list[tuple[str, str]]) -> tuple[set[tuple[str, str]], list[str]]:
    """(context, template) of every ``Reason(context, template, …)`` built in ``sources``, the
    names read from the module that builds it (a template held in a local variable is not
    followed), and "where" of each Reason whose context is not a known string (it would miss
    its translation)."""
    found, unknown = set(), []
    for where, code in sources:
        module = where.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for call in ast.walk(ast.parse(code, filename=where)):
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Reason" and len(call.args) >= 2:
                context = _held(call.args[0], module)
                if not isinstance(context, str):
                    unknown.append(f"{where}:{call.lineno}")
                    continue
                found |= {(context, template) for template in _templates(call.args[1], module)}
    return found, unknown


def test_every_reason_gridmap_builds_is_finished_in_chinese_in_its_context():
    from gridmap.rules.messages import RULE_TITLES
    from gridmap.topology.messages import REFUSALS

    sources = [(where, code) for where, code in _sources("gridmap") if where != "gridmap/reasons.py"]
    found, unknown = reason_templates(sources)
    assert unknown == []
    assert {("Rules", title) for title in RULE_TITLES.values()} | \
        {("ZoneDrawing", template) for template in REFUSALS.values()} <= found
    said = {(context, template): QCoreApplication.translate(context, template) for context, template in found}
    assert "\n".join(_untranslated(said)) == ""


def test_the_reason_reader_follows_the_context_a_reason_is_built_with():
    # The names are read from the real module (here gridmap/rules/messages.py: RULE_TITLES);
    # a rule title built in another context than it is marked in would find no translation.
    code = '''
def title(rule):
    return Reason("Shapes", RULE_TITLES.get(rule, "no title"))
def wrong(rule, context):
    return Reason(context, RULE_TITLES[rule])
'''
    found, unknown = reason_templates([("gridmap/rules/messages.py", code)])
    assert ("Shapes", "Invalid shape") in found and ("Shapes", "no title") in found
    assert unknown == ["gridmap/rules/messages.py:5"]
    said = {key: QCoreApplication.translate(*key) for key in found}
    assert len(_untranslated(said)) == len(found)
