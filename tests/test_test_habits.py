"""Habits that hold the shape of the suite: no test may assert only inside loops.

A test whose every check sits inside a ``for`` loop passes when the loop runs zero times: over an
empty collection it checks nothing and cannot fail. Each test asserts something outside its loops
first, best the number of items the sources say the collection holds, then asserts item by item.

The scan reads tests/**/test_*.py with :mod:`ast`: in each ``test*`` function it counts the
``assert`` statements and the ``pytest.fail(...)`` calls inside a ``for`` loop's body and outside
any loop, leaving out nested functions, lambdas and classes (their checks are not the test's own).
The ``else:`` of a ``for`` runs even when the loop ran zero times, so it counts as outside.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent

#: a module with tests of each kind; the comment after a ``def`` says whether the scan must report it
SYNTHETIC = '''
import pytest


def test_checks_nothing_when_empty(items):  # reported
    for item in items:
        assert item.ok


def test_nested_and_conditional(rows):  # reported
    for row in rows:
        if row:
            for cell in row:
                assert cell, row


async def test_fails_only_in_a_loop(items):  # reported
    async for item in items:
        if not item:
            pytest.fail("an empty item")


def test_a_nested_helper_does_not_count(items):  # reported
    def check(x):
        assert x

    for item in items:
        check(item)
        assert item


class TestGrouped:
    def test_in_a_class(self, items):  # reported
        with open(items) as f:
            for line in f:
                assert line


def test_asserts_the_count_first(items):
    assert len(items) == 4
    for item in items:
        assert item.ok


def test_asserts_in_the_else_of_the_loop(items):
    for item in items:
        assert item
    else:
        assert items


def test_without_a_loop(x):
    assert x


def test_without_a_check():
    pass


def helper_that_is_not_a_test(items):
    for item in items:
        assert item
'''


def _is_check(node: ast.AST) -> bool:
    """An ``assert`` statement, or a call of something named ``fail`` (``pytest.fail``)."""
    return isinstance(node, ast.Assert) or (
        isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "fail"
    )


def _checks(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[int, int]:
    """(checks inside a for loop's body, checks outside every loop) of one test function."""
    inside = outside = 0
    todo: list[tuple[ast.AST, bool]] = [(stmt, False) for stmt in fn.body]
    while todo:
        node, in_loop = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if _is_check(node):
            if in_loop:
                inside += 1
            else:
                outside += 1
        if isinstance(node, ast.For | ast.AsyncFor):
            todo += [(node.target, in_loop), (node.iter, in_loop)]
            todo += [(stmt, True) for stmt in node.body] + [(stmt, in_loop) for stmt in node.orelse]
        else:
            todo += [(child, in_loop) for child in ast.iter_child_nodes(node)]
    return inside, outside


def functions_named_test(source: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every function of ``source`` whose name starts with ``test``, methods and nested ones included."""
    return [
        fn
        for fn in ast.walk(ast.parse(source))
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.name.startswith("test")
    ]


def asserting_only_in_loops(source: str) -> list[tuple[int, str]]:
    """(line, name) of each test of ``source`` that checks something, but only inside for loops."""
    found = []
    for fn in functions_named_test(source):
        inside, outside = _checks(fn)
        if inside and not outside:
            found.append((fn.lineno, fn.name))
    return sorted(found)


def scan(root: Path) -> list[str]:
    """``path:line name`` of each such test in the test_*.py files under ``root``."""
    return [
        f"{path.relative_to(root)}:{line} {name}"
        for path in sorted(root.rglob("test_*.py"))
        for line, name in asserting_only_in_loops(path.read_text(encoding="utf-8"))
    ]


def test_no_test_of_the_suite_asserts_only_inside_loops() -> None:
    files = sorted(TESTS.rglob("test_*.py"))
    tests = [fn for path in files for fn in functions_named_test(path.read_text(encoding="utf-8"))]
    assert len(files) >= 30 and len(tests) >= 300  # the scan sees the suite (35 files, 330 tests as written)
    assert scan(TESTS) == [], "assert the size of the collection before the loop over it"


def test_the_scan_reports_each_test_that_asserts_only_inside_loops() -> None:
    lines = SYNTHETIC.splitlines()
    reported = [(n, line.split("def ", 1)[1].split("(", 1)[0]) for n, line in enumerate(lines, 1)
                if "# reported" in line]
    assert len(reported) == 5
    assert asserting_only_in_loops(SYNTHETIC) == reported
    assert len(functions_named_test(SYNTHETIC)) == 9  # the four below are seen, and not reported


def test_the_suite_check_fails_on_a_file_with_such_a_test(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "test_synthetic.py").write_text(SYNTHETIC, encoding="utf-8")
    (tmp_path / "not_a_test_file.py").write_text(SYNTHETIC, encoding="utf-8")
    found = scan(tmp_path)
    assert [f.split(" ", 1)[1] for f in found] == [
        "test_checks_nothing_when_empty",
        "test_nested_and_conditional",
        "test_fails_only_in_a_loop",
        "test_a_nested_helper_does_not_count",
        "test_in_a_class",
    ]
    assert all(f.startswith("sub/test_synthetic.py:") for f in found)
