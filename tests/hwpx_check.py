#!/usr/bin/env python3
"""Independent checks of gongsi's HWPX files, for tests/it/hwpx.rs (and by hand):

  python3 tests/hwpx_check.py validate FILE      python-hwpx 6.9.0: the package (zip, mimetype,
                                                container, manifest, spine) and every XML part
                                                against the OWPML schemas it bundles
  python3 tests/hwpx_check.py read FILE         rhwp reads the file back: its text (body,
                                                cells, footnotes) and tables (cells with their
                                                row, column and spans) as JSON on stdout
  python3 tests/hwpx_check.py render FILE DIR [SCALE]
                                                rhwp draws every page as DIR/pNN.png
  python3 tests/hwpx_check.py pages FILE        rhwp lays the file out: each page's text (the
                                                characters it draws, spaces left out) as JSON
  python3 tests/hwpx_check.py conform FILE HANGUL...
                                                FILE's XML parts against files 한글 saved, by
                                                element path (JSON on stdout; see conform())
  python3 tests/hwpx_check.py probe             both libraries load (.ci/setup's last check)

Neither library shares code with gongsi (python-hwpx is a Python OWPML library, rhwp a Rust
HWP/HWPX parser and renderer). rhwp-python 0.8.1's wheel bundles a FreeType without
FT_Palette_Data_Get, which its own module needs; the system's FreeType is loaded first,
globally, so the symbol resolves (a renderer's packaging problem, not the file's).
"""

import ctypes
import ctypes.util
import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ElementTree
import zipfile


def validate(path):
    from hwpx.tools import package_validator, validator

    package = package_validator.main([path])
    schema = validator.main([path])
    return 1 if package or schema else 0


def load_system_freetype():
    """The system's FreeType (Debian libfreetype6, which chromium brings), loaded globally."""
    freetype = ctypes.util.find_library("freetype") or "libfreetype.so.6"
    try:
        ctypes.CDLL(freetype, mode=ctypes.RTLD_GLOBAL)
    except OSError:
        pass


def rhwp_document(path):
    load_system_freetype()
    import rhwp

    return rhwp.Document(path)


def block_text(blocks):
    return "\n".join(b.get("text", "") for b in blocks if b.get("kind") == "paragraph")


def read(path):
    ir = json.loads(rhwp_document(path).to_ir_json())
    paragraphs = []
    tables = []
    for block in ir["body"]:
        if block["kind"] == "paragraph":
            paragraphs.append(block.get("text", ""))
        elif block["kind"] == "table":
            cells = [
                {
                    "row": c["row"],
                    "col": c["col"],
                    "rows": c["row_span"],
                    "cols": c["col_span"],
                    "text": block_text(c.get("blocks", [])),
                }
                for c in block["cells"]
            ]
            tables.append({"rows": block["rows"], "cols": block["cols"], "cells": cells})
            paragraphs.extend(c["text"] for c in cells)
    footnotes = [block_text(f.get("blocks", [])) for f in ir["furniture"].get("footnotes", [])]
    json.dump(
        {"paragraphs": paragraphs, "tables": tables, "footnotes": footnotes},
        sys.stdout,
        ensure_ascii=False,
    )
    return 0


def render(path, folder, scale):
    document = rhwp_document(path)
    os.makedirs(folder, exist_ok=True)
    for page in range(document.page_count):
        with open(os.path.join(folder, f"p{page + 1:02d}.png"), "wb") as out:
            out.write(document.render_png(page, scale=scale))
    print(f"{document.page_count} pages")
    return 0


def part_kind(name):
    """A package entry's kind: every section is one kind, every BinData item another."""
    if re.fullmatch(r"Contents/section\d+\.xml", name):
        return "Contents/section*.xml"
    if name.startswith("BinData/"):
        return "BinData/*"
    return name


def qualified(tag, prefixes):
    """`{uri}local` as `prefix:local`, with the prefix the file itself declares."""
    uri, _, local = tag[1:].partition("}")
    return f"{prefixes.get(uri, uri)}:{local}" if tag.startswith("{") else tag


def element_paths(path):
    """{part kind: {element path: [(attributes, children) of each occurrence]}}. A path starts
    again at each paragraph (`hp:p`), so a paragraph in a cell, a footnote or the body is the
    same path, and what is inside a paragraph is named from it."""
    parts = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".hpf", ".rdf")):
                continue
            data = package.read(name)
            prefixes = {}
            for _, (prefix, uri) in ElementTree.iterparse(
                __import__("io").BytesIO(data), events=["start-ns"]
            ):
                prefixes.setdefault(uri, prefix)
            paths = parts.setdefault(part_kind(name), {})
            stack = [(ElementTree.fromstring(data), "")]
            while stack:
                element, above = stack.pop()
                name_ = qualified(element.tag, prefixes)
                key = name_ if name_ == "hp:p" or not above else f"{above}/{name_}"
                attributes = {qualified(a, prefixes) for a in element.attrib}
                children = {qualified(c.tag, prefixes) for c in element}
                paths.setdefault(key, []).append((attributes, children))
                stack.extend((child, key) for child in element)
    return parts


def png_pixels(data):
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return list(struct.unpack(">II", data[16:24]))
    return None


def pictures(path):
    """Each picture's image pixels, `imgDim` and `imgClip` (left, right, top, bottom)."""
    core = "{http://www.hancom.co.kr/hwpml/2011/core}"
    para = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
    found = []
    with zipfile.ZipFile(path) as package:
        items = {n.split("/")[-1].split(".")[0]: n for n in package.namelist() if n.startswith("BinData/")}
        for name in package.namelist():
            if part_kind(name) != "Contents/section*.xml":
                continue
            for pic in ElementTree.fromstring(package.read(name)).iter(f"{para}pic"):
                item = pic.find(f"{core}img").get("binaryItemIDRef")
                dim, clip = pic.find(f"{para}imgDim"), pic.find(f"{para}imgClip")
                found.append({
                    "item": item,
                    "pixels": png_pixels(package.read(items[item])) if item in items else None,
                    "dim": [int(dim.get("dimwidth")), int(dim.get("dimheight"))],
                    "clip": [int(clip.get(s)) for s in ("left", "right", "top", "bottom")],
                })
    return found


def conform(path, hangul_files):
    """FILE against files 한글 saved, part kind by part kind, element path by element path:
    `missing` paths every 한글 file writes (of a part they all have) and FILE does not;
    `extra` paths FILE writes and no 한글 file does; `missing_attributes` / `missing_children`:
    for a path both write, attributes and child elements 한글 writes on every occurrence that
    some occurrence in FILE lacks; `extra_attributes` / `extra_children`: ones FILE writes
    that 한글 never writes there; `files`: package entries (by kind) every 한글 file has and
    FILE lacks, and ones FILE has that none has; `pictures`: FILE's pictures (pictures())."""
    ours = element_paths(path)
    hangul = [element_paths(f) for f in hangul_files]
    report = {k: {} for k in ("missing_attributes", "extra_attributes", "missing_children", "extra_children")}
    report.update(missing=[], extra=[])
    for kind in sorted(set(ours).union(*hangul)):
        theirs = [h[kind] for h in hangul if kind in h]
        if kind not in ours or not theirs:
            continue
        always = set.intersection(*(set(t) for t in theirs))
        ever = set().union(*theirs)
        report["missing"] += [f"{kind} {p}" for p in sorted(always - set(ours[kind]))]
        report["extra"] += [f"{kind} {p}" for p in sorted(set(ours[kind]) - ever)]
        for p in sorted(set(ours[kind]) & ever):
            seen = [o for t in theirs for o in t.get(p, [])]
            for i, what in ((0, "attributes"), (1, "children")):
                every = set.intersection(*(o[i] for o in seen))
                anywhere = set().union(*(o[i] for o in seen))
                lacking = sorted(a for a in every if any(a not in o[i] for o in ours[kind][p]))
                beyond = sorted(set().union(*(o[i] for o in ours[kind][p])) - anywhere)
                if lacking:
                    report[f"missing_{what}"][f"{kind} {p}"] = lacking
                if beyond:
                    report[f"extra_{what}"][f"{kind} {p}"] = beyond
    entries = [{part_kind(n) for n in zipfile.ZipFile(f).namelist()} for f in hangul_files]
    mine = {part_kind(n) for n in zipfile.ZipFile(path).namelist()}
    report["files"] = {
        "missing": sorted(set.intersection(*entries) - mine),
        "extra": sorted(mine - set().union(*entries)),
    }
    report["pictures"] = pictures(path)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    return 0


def pages(path):
    """Each page rhwp lays out, as the text of its SVG drawing (characters in drawing order)."""
    import html

    document = rhwp_document(path)
    texts = []
    for page in range(document.page_count):
        svg = document.render_svg(page)
        drawn = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        texts.append("".join(html.unescape(t) for t in drawn).replace(" ", ""))
    json.dump(texts, sys.stdout, ensure_ascii=False)
    return 0


def probe():
    import importlib.metadata

    import hwpx.tools.validator  # noqa: F401

    load_system_freetype()
    import rhwp

    print(
        f"python-hwpx {importlib.metadata.version('python-hwpx')}, rhwp {rhwp.version()}"
    )
    return 0


def main(argv):
    if argv == ["probe"]:
        return probe()
    if len(argv) >= 2 and argv[0] == "validate":
        return validate(argv[1])
    if len(argv) >= 2 and argv[0] == "read":
        return read(argv[1])
    if len(argv) >= 2 and argv[0] == "pages":
        return pages(argv[1])
    if len(argv) >= 3 and argv[0] == "conform":
        return conform(argv[1], argv[2:])
    if len(argv) >= 3 and argv[0] == "render":
        return render(argv[1], argv[2], float(argv[3]) if len(argv) > 3 else 1.0)
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
