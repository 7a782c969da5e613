"""The shape of the code: one-way dependencies, no import cycles, modules a newcomer can read in one sitting."""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("content_models", "search", "portal")
MAX_LINES = 400
# Long by nature: migrations are generated, the demo's texts are prose in three languages.
EXEMPT = ("migrations", "guidance_texts.py")


def _graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def _cycles(graph) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's strongly connected
    components); every import counts, at module level or inside a function."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(module):
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in graph.modules or imported.split(".")[0] not in PACKAGES:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module.split(".")[0] in PACKAGES and module not in index:
            visit(module)
    return groups


def test_no_module_imports_itself_through_others():
    assert _cycles(_graph()) == []


def test_search_imports_nothing_from_content_models():
    graph = _graph()
    chains = graph.find_shortest_chains(importer="search", imported="content_models", as_packages=True)
    assert chains == set()


def test_calendar_machinery_knows_no_event_or_exhibition():
    graph = _graph()
    for domain in ("content_models.events", "content_models.exhibitions"):
        assert graph.find_shortest_chains(importer="content_models.calendars", imported=domain) == set()


def test_core_imports_no_domain():
    graph = _graph()
    domains = {module.split(".")[1] for module in graph.find_children("content_models") if module.count(".") == 1}
    for domain in sorted(domains - {"core", "migrations", "models", "apps", "wagtail_hooks"}):
        target = f"content_models.{domain}"
        if target not in graph.modules:
            continue
        assert graph.find_shortest_chains(importer="content_models.core", imported=target) == set(), domain


def test_no_module_is_longer_than_a_sitting():
    long = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if any(part in EXEMPT for part in path.relative_to(ROOT).parts):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long[str(path.relative_to(ROOT))] = lines
    assert long == {}


def test_import_contracts_are_kept():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
