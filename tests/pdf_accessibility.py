#!/usr/bin/env python3
"""An independent check of a PDF against the machine-checkable rules of PDF/UA-1 and PDF/A-2a
that matter for gongsi's documents. It reads the file with qpdf (through pikepdf), not with
Typst or krilla, which wrote it.

veraPDF, the reference validator, cannot be installed from the package registries this
project's CI can reach (it ships through Maven and its own site only): see docs/publish.md. This
script checks, for every file:

- qpdf finds no damage in the file's syntax or cross-reference data;
- PDF/A-2a and PDF/UA-1 are claimed in the XMP metadata (pdfaid part 2, conformance A;
  pdfuaid part 1), with a dc:title, an output intent, /Lang, /MarkInfo /Marked true and
  /ViewerPreferences /DisplayDocTitle true;
- every font is embedded and has a ToUnicode map or is a symbolic-free standard encoding;
- every text, path, image and shading painted on a page is inside marked content: either an
  /Artifact or a tag with an MCID that the structure tree's ParentTree knows;
- the structure tree: headings H1–H6 start at H1 and never skip a level; every Figure has a
  non-empty /Alt; every Table has TH cells and every TH a /Scope (or /Headers ids);
  standard structure types only (after the role map);
- pages with annotations have /Tabs /S; every link annotation has /Contents and is in the
  structure tree (/StructParent);
- the document has bookmarks (/Outlines) when asked (--bookmarks).

Usage: pdf_accessibility.py FILE.pdf [--bookmarks]   (exit 0: no problem; 1: problems,
listed one a line on stdout; 2: the file cannot be read). A summary and the alternative text
of every figure go to stderr.
"""

import collections
import re
import sys

import pikepdf
from pikepdf import Name

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}
PAINT_OPS = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"}


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    path = argv[1]
    want_bookmarks = "--bookmarks" in argv[2:]
    try:
        pdf = pikepdf.open(path)
    except Exception as e:  # noqa: BLE001 - report any failure to open
        print(f"cannot open {path}: {e}")
        return 2
    problems = []
    problems += [f"qpdf: {p}" for p in pdf.check_pdf_syntax()]
    problems += check_catalog(pdf, want_bookmarks)
    problems += check_fonts(pdf)
    mcids = check_content(pdf)
    problems += mcids[0]
    problems += check_structure(pdf, mcids[1])
    problems += check_annotations(pdf)
    for p in problems:
        print(p)
    print(f"{path}: {len(pdf.pages)} pages, {mcids[2]['marked']} marked-content sequences, "
          f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def check_catalog(pdf, want_bookmarks):
    out = []
    root = pdf.Root
    xmp = ""
    if "/Metadata" in root:
        xmp = bytes(root.Metadata.read_bytes()).decode("utf-8", "replace")
    else:
        out.append("catalog: no XMP /Metadata")

    def xmp_value(prefix, name):
        m = re.search(rf"{prefix}:{name}\s*=\s*\"([^\"]*)\"", xmp) or re.search(
            rf"<{prefix}:{name}>([^<]*)</{prefix}:{name}>", xmp)
        return m.group(1).strip() if m else None

    if xmp_value("pdfaid", "part") != "2":
        out.append(f"XMP: pdfaid:part is {xmp_value('pdfaid', 'part')!r}, not 2 (PDF/A-2)")
    if (xmp_value("pdfaid", "conformance") or "").upper() != "A":
        out.append(f"XMP: pdfaid:conformance is {xmp_value('pdfaid', 'conformance')!r}, not A")
    if xmp_value("pdfuaid", "part") != "1":
        out.append(f"XMP: pdfuaid:part is {xmp_value('pdfuaid', 'part')!r}, not 1 (PDF/UA-1)")
    if not re.search(r"<dc:title>.*?<rdf:li[^>]*>[^<]+</rdf:li>", xmp, re.S):
        out.append("XMP: no dc:title")
    if "/OutputIntents" not in root or len(root.OutputIntents) == 0:
        out.append("catalog: no /OutputIntents (PDF/A)")
    lang = str(root.get("/Lang", "")).strip()
    if not lang:
        out.append("catalog: no /Lang")
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        out.append("catalog: /MarkInfo /Marked is not true")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        out.append("catalog: /ViewerPreferences /DisplayDocTitle is not true")
    if "/StructTreeRoot" not in root:
        out.append("catalog: no /StructTreeRoot (not a tagged PDF)")
    if want_bookmarks:
        outlines = root.get("/Outlines")
        if outlines is None or "/First" not in outlines:
            out.append("catalog: no bookmarks (/Outlines)")
    return out


def check_fonts(pdf):
    out = []
    seen = set()
    for n, page in enumerate(pdf.pages, 1):
        for font in iter_fonts(page.obj.get("/Resources")):
            key = font.objgen
            if key in seen:
                continue
            seen.add(key)
            name = str(font.get("/BaseFont", "?"))
            fonts = [font]
            if font.get("/Subtype") == Name.Type0:
                fonts = list(font.DescendantFonts)
            for f in fonts:
                desc = f.get("/FontDescriptor")
                if f.get("/Subtype") == Name.Type3:
                    continue
                if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    out.append(f"page {n}: font {name} is not embedded")
            if "/ToUnicode" not in font:
                out.append(f"page {n}: font {name} has no /ToUnicode map")
    return out


def iter_fonts(resources, depth=0):
    if resources is None or depth > 8:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        for _, font in fonts.items():
            yield font
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for _, x in xobjects.items():
            if x.get("/Subtype") == Name.Form:
                yield from iter_fonts(x.get("/Resources"), depth + 1)


def check_content(pdf):
    """Every painting operator on a page sits in marked content; returns the problems and the
    MCIDs used per page (by page object id)."""
    out = []
    used = {}
    stats = {"marked": 0}
    for n, page in enumerate(pdf.pages, 1):
        mcids = set()
        stack = []  # True for a sequence that tags (MCID) or hides (Artifact) its content
        unmarked = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                covered = tag == "/Artifact"
                if op == "BDC" and len(operands) > 1:
                    props = operands[1]
                    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                        mcids.add(int(props.MCID))
                        covered = True
                    elif isinstance(props, Name):
                        props = page.Resources.Properties[props]
                        if "/MCID" in props:
                            mcids.add(int(props.MCID))
                            covered = True
                stack.append(covered)
                stats["marked"] += 1
            elif op == "EMC":
                if not stack:
                    out.append(f"page {n}: EMC without BDC/BMC")
                else:
                    stack.pop()
            elif op in PAINT_OPS and not any(stack):
                unmarked += 1
        if stack:
            out.append(f"page {n}: marked-content sequence not closed")
        if unmarked:
            out.append(f"page {n}: {unmarked} painting operators outside marked content "
                       "(neither tagged nor artifact)")
        if mcids and "/StructParents" not in page.obj:
            out.append(f"page {n}: marked content but no /StructParents")
        used[page.obj.objgen] = (n, mcids, page.obj.get("/StructParents"))
    return out, used, stats


def number_tree(node, out, depth=0):
    if depth > 32:
        return
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out, depth + 1)


def check_structure(pdf, used):
    out = []
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return out
    role_map = {}
    for k, v in root.get("/RoleMap", {}).items():
        role_map[k.lstrip("/")] = str(v).lstrip("/")

    def resolve(t):
        seen = set()
        while t in role_map and t not in seen:
            seen.add(t)
            t = role_map[t]
        return t

    parents = {}
    if "/ParentTree" in root:
        number_tree(root.ParentTree, parents)
    else:
        out.append("structure: no /ParentTree")
    for objgen, (n, mcids, key) in used.items():
        if not mcids:
            continue
        if key is None or int(key) not in parents:
            out.append(f"page {n}: /StructParents {key} not in the ParentTree")
            continue
        array = parents[int(key)]
        for mcid in mcids:
            if mcid >= len(array) or array[mcid] is None or not isinstance(array[mcid], pikepdf.Dictionary):
                out.append(f"page {n}: MCID {mcid} has no structure element in the ParentTree")

    headings = []
    counts = collections.Counter()

    def walk(elem, depth):
        if depth > 200 or not isinstance(elem, pikepdf.Dictionary):
            return
        if elem.get("/Type") == Name.MCR or elem.get("/Type") == Name.OBJR:
            return
        if "/S" not in elem:
            return
        raw = str(elem.S).lstrip("/")
        kind = resolve(raw)
        if kind not in STANDARD_TYPES:
            out.append(f"structure: type {raw} is not a standard type (role map: {kind})")
        if re.fullmatch(r"H[1-6]", kind):
            headings.append((int(kind[1]), text_of(elem)))
        if kind == "Figure":
            counts["Figure"] += 1
            alt = str(elem.get("/Alt", "")).strip()
            if not alt and not str(elem.get("/ActualText", "")).strip():
                out.append("structure: a Figure without /Alt")
            print(f"figure alt: {alt}", file=sys.stderr)
        if kind == "Table":
            counts["Table"] += 1
            ths = []
            collect(elem, "TH", resolve, ths)
            if not ths:
                out.append("structure: a Table without TH cells")
            for th in ths:
                scope = scope_of(th)
                counts[f"TH {scope}"] += 1
                if scope is None and "/Headers" not in th:
                    out.append("structure: a TH without /Scope")
                    break
        kids = elem.get("/K")
        if kids is None:
            return
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid, depth + 1)
        else:
            walk(kids, depth + 1)

    kids = root.get("/K")
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            walk(kid, 0)
    elif kids is not None:
        walk(kids, 0)

    previous = 0
    for level, title in headings:
        if level > previous + 1:
            out.append(f"structure: heading H{level} '{title}' follows H{previous}")
        previous = level
    if not headings:
        out.append("structure: no headings")
    print(f"structure: {counts['Figure']} figures, {counts['Table']} tables, "
          f"{len(headings)} headings", file=sys.stderr)
    print(f"header cells: {counts['TH Column']} column, {counts['TH Row']} row, "
          f"{counts['TH Both']} both", file=sys.stderr)
    return out


def text_of(elem):
    return str(elem.get("/T", elem.get("/Alt", "")))[:40]


def scope_of(th):
    """The /Scope of a TH (Column, Row or Both), or None."""
    attrs = th.get("/A")
    if attrs is None:
        return None
    items = attrs if isinstance(attrs, pikepdf.Array) else [attrs]
    for a in items:
        if isinstance(a, pikepdf.Dictionary) and "/Scope" in a:
            return str(a.Scope).lstrip("/")
    return None


def collect(elem, kind, resolve, out, depth=0):
    kids = elem.get("/K")
    if kids is None or depth > 50:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            continue
        if resolve(str(kid.S).lstrip("/")) == "Table":
            continue  # a nested table is checked on its own
        if resolve(str(kid.S).lstrip("/")) == kind:
            out.append(kid)
        collect(kid, kind, resolve, out, depth + 1)


def check_annotations(pdf):
    out = []
    for n, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if annots is None or len(annots) == 0:
            continue
        if page.obj.get("/Tabs") != Name.S:
            out.append(f"page {n}: annotations but /Tabs is not /S")
        for a in annots:
            if a.get("/Subtype") == Name.Link:
                if not str(a.get("/Contents", "")).strip():
                    out.append(f"page {n}: a link without /Contents")
                if "/StructParent" not in a:
                    out.append(f"page {n}: a link not in the structure tree")
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv))
