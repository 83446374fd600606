#!/usr/bin/env python3
"""A reviewer's edits to gongsi's HWPX, made without 한글 by python-hwpx (an independent
OWPML library): open the file, make one edit or all of them, save. `tests/it/hwpx_diff.rs`
then runs `gongsi diff PLAN edited.hwpx` and checks it reports exactly these edits.

  python3 tests/hwpx_review.py IN OUT EDIT...

EDIT is one of:
  resave     nothing: open and save (a re-save must read as no change)
  figure     the first 【추진계획】 table: the 계 figure of 사업비 `44,000천원` → `45,000천원`
  sentence   a 사업목적 sentence: `기존 취업연계 중심의` → `기존 취업알선 중심의`
  row        the 추진일정 table: the row of `신중년 사회공헌 사업` deleted
  line       a ○ line added after `○ 체계적인 교육 프로그램과 …` (the paragraph copied, as a
             reviewer copies a line and retypes it)
  memo       a 메모 `근거 자료를 붙여 주세요` (author 검토자) on the paragraph `○ 청년층에 대한 …`
  track      변경 내용 추적 on: ` 및 관리 강화` inserted after `○ 서구만의 창업생태계 …`, and
             `지속가능한 ` deleted from it (the marks stay in the text, as 한글 keeps them)
  project    세부사업 `신중년 사회공헌 사업` deleted whole: its ○ line, its details and budget
             lines (the paragraphs up to the next ○), and its 추진일정 row
  rebuild    the 【추진계획】 table of `청년 취업역량 강화` rebuilt: a column added after the
             last (every row changes)
  unmark     every gongsi mark removed (책갈피 and cell names), as a writer that drops them would
Prints what it did, one line per edit.
"""

import copy
import sys
import warnings

from hwpx import HwpxDocument

warnings.simplefilter("ignore", DeprecationWarning)

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def paragraph(doc, start):
    for p in doc.paragraphs:
        if p.text.startswith(start):
            return p
    raise SystemExit(f"no paragraph starting {start!r}")


def figure(doc):
    title = paragraph(doc, "【")
    ps = doc.paragraphs
    table = next(p for p in ps[ps.index(title) + 1 :] if p.tables).tables[0]
    for r in range(table.row_count):
        cell = table.cell(r, table.column_count - 1)
        if cell.text == "44,000천원":
            cell.paragraphs[0].text = "45,000천원"
            return f"figure: row {r + 1} 44,000천원 → 45,000천원"
    raise SystemExit("no 44,000천원 cell")


def sentence(doc):
    p = paragraph(doc, "○ 기존 취업연계 중심의")
    p.set_text_preserving_runs(p.text.replace("기존 취업연계 중심의", "기존 취업알선 중심의"))
    return "sentence: 취업연계 → 취업알선"


def row(doc):
    # The 추진일정 is the last table, or the last tables when it runs over pages.
    for table in reversed(doc.tables):
        for r in range(table.row_count):
            if "신중년 사회공헌 사업" in table.cell(r, 0).text:
                table.delete_rows(r)
                return f"row: 추진일정 row {r + 1} deleted"
    raise SystemExit("no 신중년 사회공헌 사업 row")


def line(doc):
    p = paragraph(doc, "○ 체계적인 교육 프로그램과")
    added = copy.deepcopy(p.element)
    p.element.addnext(added)
    new = next(q for q in doc.paragraphs if q.element is added)
    new.text = "○ 창업 공간 입주 기업의 고용 현황을 분기마다 점검"
    return "line: ○ added"


def memo(doc):
    p = paragraph(doc, "○ 청년층에 대한 취업역량강화")
    doc.add_memo_with_anchor("근거 자료를 붙여 주세요", paragraph=p, author="검토자")
    return "memo: added"


def track(doc):
    p = paragraph(doc, "○ 서구만의 창업생태계")
    doc.add_tracked_insert(p, " 및 관리 강화", author="검토자")
    doc.add_tracked_delete(p, match="지속가능한 ", author="검토자")
    return "track: an insertion and a deletion"


def project(doc):
    p = paragraph(doc, "○ 신중년 사회공헌 사업")
    ps = doc.paragraphs
    gone = [p]
    for q in ps[ps.index(p) + 1 :]:
        if q.text.startswith(("○", "□")) or q.tables:
            break
        gone.append(q)
    for q in gone:
        doc.remove_paragraph(q, section=q.section)
    row(doc)
    return f"project: {len(gone)} paragraphs and the 추진일정 row deleted"


def rebuild(doc):
    title = paragraph(doc, "○ 체계적인 취업교육과 멘토링")
    ps = doc.paragraphs
    table = next(p for p in ps[ps.index(title) + 1 :] if p.tables).tables[0]
    table.insert_columns(table.column_count - 1, 1, blank=False)
    return "rebuild: a column added"


def unmark(doc):
    removed = 0
    for section in doc.sections:
        root = section.element
        for ctrl in list(root.iter(f"{HP}ctrl")):
            for mark in list(ctrl.findall(f"{HP}bookmark")):
                ctrl.remove(mark)
                removed += 1
            if len(ctrl) == 0:
                ctrl.getparent().remove(ctrl)
        for cell in root.iter(f"{HP}tc"):
            if cell.get("name", "").startswith("gongsi:"):
                cell.set("name", "")
                removed += 1
        section.mark_dirty()
    return f"unmark: {removed} marks removed"


EDITS = {"figure": figure, "sentence": sentence, "row": row, "line": line, "memo": memo, "track": track, "project": project, "rebuild": rebuild, "unmark": unmark}


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    doc = HwpxDocument.open(argv[0])
    for edit in argv[2:]:
        if edit != "resave":
            print(EDITS[edit](doc))
    doc.save_to_path(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
