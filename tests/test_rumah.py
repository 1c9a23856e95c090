"""The house as the README's "Untuk pengembang" draws it, checked on the source itself.

Layers, bottom to top: words -> problems -> files -> rules -> core -> render -> cli. A module
may import its own layer and the layers below it, never above; ``core.pipeline`` is the top of
the core and only the command line calls it. No module keeps state that changes while jp runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "jpcli"

LAYERS = [
    ("jpcli", "jpcli.words"),
    ("jpcli.problems",),
    ("jpcli.files",),
    ("jpcli.rules",),
    ("jpcli.core",),
    ("jpcli.render",),
    ("jpcli.cli", "jpcli.entry", "jpcli.__main__"),
]

MUTATING_METHODS = {
    "append", "extend", "insert", "remove", "pop", "popitem", "clear", "update", "setdefault",
    "add", "discard",
}  # fmt: skip


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int:
    best = None
    for level, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (level, len(prefix))
    assert best is not None, f"{module} belongs to no layer of the README's map"
    return best[0]


def _imports(module: str) -> set[str]:
    """Every jpcli module ``module`` imports, at the top or inside a function."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("jpcli")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jpcli"):
            for alias in node.names:  # "from jpcli.core import compute" imports jpcli.core.compute
                child = f"{node.module}.{alias.name}"
                found.add(child if child in MODULES else node.module)
    return found


def test_kartu_rumah_mencakup_setiap_modul():
    """The map knows every module (a new folder must be placed in it)."""
    assert {_layer(m) for m in MODULES} == set(range(len(LAYERS)))


@pytest.mark.parametrize("module", sorted(MODULES))
def test_impor_hanya_ke_bawah(module):
    """Imports point down the layers (or within one): core never reads render or cli, files
    never reads core, and so on."""
    upward = sorted(t for t in _imports(module) if _layer(t) > _layer(module))
    assert not upward, f"{module} imports a higher layer: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_pipeline_puncak_inti(module):
    """No coordinator above the pipeline besides the command line: only jpcli.cli calls it."""
    if "jpcli.core.pipeline" in _imports(module):
        assert module.startswith("jpcli.cli"), f"{module} imports core.pipeline"


def _module_containers(tree: ast.Module) -> set[str]:
    """Names bound at module level to a list, dict or set (literal, comprehension or call)."""
    kinds = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
    calls = {"list", "dict", "set", "defaultdict", "OrderedDict", "Counter"}
    names = set()
    for node in tree.body:
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        is_container = isinstance(value, kinds) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in calls
        )
        if is_container:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _mutations(tree: ast.Module, names: set[str]) -> list[str]:
    """Places inside functions where one of ``names`` is changed."""
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Global):
                found.append(f"line {node.lineno}: global {', '.join(node.names)}")
            target = None
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                for t in getattr(node, "targets", None) or [node.target]:
                    if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
                        target = t.value.id
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.attr in MUTATING_METHODS
            ):
                target = node.func.value.id
            if target in names:
                found.append(f"line {node.lineno}: {target} changed in {func.name}()")
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_tanpa_keadaan_modul_yang_berubah(module):
    """No module-level state that changes while jp runs (the read-ahead is an object handed
    down, not a dict in a module): module-level containers are constants, nothing is global."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    assert _mutations(tree, _module_containers(tree)) == []


def test_pemeriksa_keadaan_mengenali_perubahan():
    """The state check above does find a module dict filled by a function, and a global."""
    tree = ast.parse(
        "_jobs = {}\n"
        "def start(p):\n    _jobs[p] = 1\n"
        "def stop(p):\n    _jobs.pop(p)\n"
        "def reset():\n    global _jobs\n    _jobs = {}\n"
    )
    assert _mutations(tree, _module_containers(tree)) == [
        "line 3: _jobs changed in start()",
        "line 5: _jobs changed in stop()",
        "line 7: global _jobs",
    ]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_baris_dan_fungsi_pendek(module):
    """House style: no line over 100 characters, no function over 60 lines."""
    text = MODULES[module].read_text(encoding="utf-8")
    long_lines = [i for i, line in enumerate(text.splitlines(), 1) if len(line) > 100]
    assert long_lines == [], f"lines over 100 characters: {long_lines}"
    long_functions = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > 60
    ]
    assert long_functions == []


def test_pemeriksa_impor_melihat_impor_dalam_fungsi():
    """The import check sees imports inside functions too (the CLI imports lazily for speed), and
    the layers order render above core."""
    assert {"jpcli.core.pipeline", "jpcli.render.views"} <= _imports("jpcli.cli.app")
    assert _layer("jpcli.render.views") > _layer("jpcli.core.pipeline") > _layer("jpcli.rules")


def test_readme_memetakan_setiap_modul():
    """README's "Untuk pengembang" names every module where it lives (the map matches the code)."""
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Untuk pengembang") : readme.index("## English")]
    unnamed = []
    for module in MODULES:
        parts = module.split(".")
        if parts[-1] in ("jpcli", "__main__", "entry") or module in (
            "jpcli.files", "jpcli.rules", "jpcli.core", "jpcli.render", "jpcli.cli",
        ):  # fmt: skip
            continue
        folder_row = next((r for r in section.splitlines() if f"`jpcli/{parts[1]}" in r), "")
        if len(parts) == 2:  # jpcli/words.py, jpcli/problems.py
            ok = f"`jpcli/{parts[1]}.py`" in section
        else:
            ok = f"`{parts[2]}`" in folder_row
        if not ok:
            unnamed.append(module)
    assert unnamed == []
