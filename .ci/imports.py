#!/usr/bin/env python3
"""The imports between the files of src/ (CI check; ARCHITECTURE.md): no circles, and each
layer imports only the layers before it.

Every file is a node; a file imports another when it names it through a `crate::`,
`gongsi::`, `super::` or `self::` path, or through a child module it declares (`mod x;`
then `x::…`), in `use` lines or inline. A directory's `mod.rs` counts as its own file:
`pub mod child;` is a declaration, not an import. Test modules (`#[cfg(test)] mod tests`)
are left out: tests may use anything.

The layers, in order: model → pipeline → renditions → commands → cli → main.rs; inside
pipeline, its steps in order: load → check → plan → output → compare (pipeline/mod.rs, the
load-and-check entry, sits after check and plan); inside renditions: shared → pdf → the
others (html, hwpx, workbook), which do not import one another (the HWPX draws its figures
through the PDF's typesetter, so it may import pdf).

Prints each circle (strongly connected set of files) and each import of a later layer
or step, and exits 1 if there is any; `--edges` prints every file's imports too.
Usage: python3 .ci/imports.py [src]
"""
import os
import re
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
root = args[0] if args else "src"
show_edges = "--edges" in sys.argv

# module path ("pipeline::load::prescan") -> file
files = {}
for dirpath, _, names in os.walk(root):
    for name in names:
        if not name.endswith(".rs"):
            continue
        path = os.path.join(dirpath, name)
        parts = os.path.relpath(path, root)[:-3].split(os.sep)
        if parts == ["main"]:
            files["(main.rs)"] = path  # the binary: uses the library through `gongsi::`
            continue
        if parts[-1] in ("mod", "lib"):
            parts = parts[:-1]
        files["::".join(parts)] = path


def owner(path):
    """The file a module path lives in: its longest prefix that is a file."""
    segments = path.split("::")
    for k in range(len(segments), -1, -1):
        module = "::".join(segments[:k])
        if module in files:
            return module
    return None


def expand(prefix, rest):
    """`a::{b, c::{d, e}}` -> [a::b, a::c::d, a::c::e]."""
    if "{" not in rest:
        return [prefix + rest]
    head, _, body = rest.partition("{")
    body = body[: body.rfind("}")]
    items, depth, current = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            depth += (ch == "{") - (ch == "}")
            current += ch
    items.append(current)
    return [p for item in items if item for p in expand(prefix + head, item)]


def source_of(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"#\[cfg\(test\)\]\s*(pub(\(crate\))?\s+)?mod\s+tests\s*\{.*", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return text


PATH = r"[A-Za-z_][A-Za-z_0-9]*(?:::[A-Za-z_][A-Za-z_0-9]*)*"
edges = {}
for module, path in files.items():
    text = source_of(path)
    # `self::` is the module itself, `super::` its parent (for a/b.rs and a/b/mod.rs alike).
    here = "" if module == "(main.rs)" else module
    parent = "::".join(here.split("::")[:-1])
    # The file's own child modules (`mod load;`): a path through one (`load::load_plan`,
    # `use load::{…}`) names that file.
    children = re.findall(r"\bmod\s+([a-z_][a-z0-9_]*)\s*;", text)
    named = []
    for used in re.findall(r"\buse\s+([^;]+);", text):
        for full in expand("", re.sub(r"\s+", "", used)):
            named.append("self::" + full if full.split("::")[0] in children else full)
    named += re.findall(r"\b(?:crate|gongsi|super|self)::" + PATH, text)
    if children:
        named += [
            "self::" + p
            for p in re.findall(r"(?<![:\w])((?:" + "|".join(children) + r")::" + PATH + ")", text)
        ]
    targets = set()
    for full in named:
        full = re.sub(r"::self$", "", full)
        head, _, rest = full.partition("::")
        if head in ("crate", "gongsi"):
            target = owner(rest)
        elif head == "super":
            target = owner((parent + "::" if parent else "") + rest)
        elif head == "self":
            target = owner((here + "::" if here else "") + rest)
        else:
            continue
        if target is not None and target != module:
            targets.add(target)
    edges[module] = targets

# Tarjan's strongly connected components.
sys.setrecursionlimit(10000)
index, low, stack, on_stack, circles = {}, {}, [], set(), []
counter = [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on_stack.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while True:
            w = stack.pop()
            on_stack.discard(w)
            component.append(w)
            if w == v:
                break
        if len(component) > 1:
            circles.append(sorted(component))


for v in sorted(edges):
    if v not in index:
        visit(v)

LAYERS = ["model", "pipeline", "renditions", "commands", "cli", "(main.rs)"]
STEPS = ["load", "check", "plan", "", "output", "compare"]
# Renditions: shared first, then the PDF, then the others (same rank: they may not import
# one another). The renditions' own mod.rs (the map) sits at the end.
RENDITIONS = {"shared": 0, "pdf": 1, "html": 2, "hwpx": 2, "workbook": 2}


def rank(module):
    """(layer, step) of a file, for the order its imports must follow."""
    segments = module.split("::")
    layer = LAYERS.index(segments[0]) if segments[0] in LAYERS else -1
    step = 0
    if segments[0] == "pipeline":
        step = STEPS.index(segments[1]) if len(segments) > 1 and segments[1] in STEPS else 3
    if segments[0] == "renditions":
        step = RENDITIONS.get(segments[1], 3) if len(segments) > 1 else 3
    return layer, step


def sibling(module):
    """The rendition a file belongs to (None outside renditions/)."""
    segments = module.split("::")
    return segments[1] if segments[0] == "renditions" and len(segments) > 1 else None


upward = []
for module in sorted(edges):
    for target in sorted(edges[module]):
        (layer, step), (to_layer, to_step) = rank(module), rank(target)
        later_layer = layer >= 0 and to_layer > layer
        later_step = layer == to_layer and layer in (1, 2) and to_step > step
        # Two renditions of the same rank (html, hwpx, workbook) import neither one another.
        side_step = (
            layer == to_layer == 2
            and to_step == step == 2
            and sibling(module) != sibling(target)
        )
        if later_layer or later_step or side_step:
            upward.append((module, target))

if show_edges:
    for module in sorted(edges):
        print(f"{module or '(lib.rs)'} -> {', '.join(m or '(lib.rs)' for m in sorted(edges[module]))}")
for circle in circles:
    print("import circle: " + " ↔ ".join(files[m] for m in circle))
for module, target in upward:
    print(f"import of a later layer or step: {files[module]} → {files[target]}")
print(
    f"{len(circles)} import circles and {len(upward)} imports of a later layer or step "
    f"among {len(files)} files of {root}/"
)
sys.exit(1 if circles or upward else 0)
