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
import sys


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
    if len(argv) >= 3 and argv[0] == "render":
        return render(argv[1], argv[2], float(argv[3]) if len(argv) > 3 else 1.0)
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
