import { rangeA1, type CellValue, type MergeRange, type RawRow } from '../read/types.js';

/** A cell of a data row that shows a merged range's value: its column and the range (`G5:G7`). */
export interface MergedCell {
  col: number;
  range: string;
}

/**
 * Merged ranges in a sheet's data area, applied as the sheet shows them: only a range's top-left
 * cell holds the value, and Excel shows it over every cell of the range. A 备注 `新任教师` merged
 * over three teachers exempted only the first; 学时 48 merged over three read 48, 0, 0; a platform
 * export with 姓名/身份证号码 merged over a teacher's records left all but the first not understood
 * (issue 18). Ranges that start above the data (the form's group names over 学时/学分) are the
 * header's, read as they are.
 */
export class MergeFill {
  private next = 0;
  private active: Array<{ range: MergeRange; a1: string; value: CellValue }> = [];

  private constructor(private readonly ranges: MergeRange[]) {}

  /**
   * A filler for the ranges starting at or below `firstDataRow` and covering more than one row;
   * null when there are none (the usual sheet). A range within one row changes nothing here.
   */
  static for(merges: MergeRange[] | undefined, firstDataRow: number): MergeFill | null {
    const data = (merges ?? []).filter((m) => m.top >= firstDataRow && m.bottom > m.top);
    return data.length ? new MergeFill(data.sort((a, b) => a.top - b.top || a.left - b.left)) : null;
  }

  /**
   * Fill `r`'s cells covered by a range with the range's value (rows come in ascending order).
   * Returns every cell of `r` that holds a merged value, the top-left one included; null when none.
   */
  apply(r: RawRow): MergedCell[] | null {
    if (this.active.length) this.active = this.active.filter((a) => a.range.bottom >= r.row);
    while (this.next < this.ranges.length && this.ranges[this.next]!.top <= r.row) {
      const range = this.ranges[this.next++]!;
      if (range.bottom < r.row) continue;
      // The top-left cell's row may be absent (no value in it): the range then shows nothing.
      this.active.push({ range, a1: rangeA1(range), value: range.top === r.row ? (r.cells[range.left] ?? null) : null });
    }
    if (!this.active.length) return null;
    let out: MergedCell[] | null = null;
    for (const { range, a1, value } of this.active) {
      // The value is its first column's, in every row the range covers — what the sheet shows,
      // whatever a covered cell holds in the file. The columns it spans to the right are left as
      // they are: a 合计 or a footer line merged across the row stays one label, never 姓名 and
      // 身份证号 too.
      const c = range.left;
      while (r.cells.length <= c) r.cells.push(null);
      r.cells[c] = value;
      (out ??= []).push({ col: c, range: a1 });
    }
    return out;
  }
}
