/**
 * A map keyed by a source row (file, sheet, row) without making a key string per lookup: the
 * report looks up a million teachers' rows, and joining three values into a string each time
 * cost seconds (issue 5, profiled). Rows of one sheet come one after another, so the last
 * sheet's rows are kept at hand: most lookups are then one Map's, not three.
 */
export class RowIndex<V> {
  private files = new Map<string, Map<string, Map<number, V>>>();
  private lastFile: string | undefined;
  private lastSheet: string | undefined;
  private lastRows: Map<number, V> | undefined;

  /** The rows of (file, sheet); made when `make`. */
  private rowsOf(file: string, sheet: string, make: boolean): Map<number, V> | undefined {
    if (file === this.lastFile && sheet === this.lastSheet && this.lastRows) return this.lastRows;
    let sheets = this.files.get(file);
    if (!sheets) {
      if (!make) return undefined;
      this.files.set(file, (sheets = new Map()));
    }
    let rows = sheets.get(sheet);
    if (!rows) {
      if (!make) return undefined;
      sheets.set(sheet, (rows = new Map()));
    }
    this.lastFile = file;
    this.lastSheet = sheet;
    this.lastRows = rows;
    return rows;
  }

  get(ref: { file: string; sheet: string; row: number }): V | undefined {
    return this.rowsOf(ref.file, ref.sheet, false)?.get(ref.row);
  }

  has(ref: { file: string; sheet: string; row: number }): boolean {
    return this.get(ref) !== undefined;
  }

  set(ref: { file: string; sheet: string; row: number }, value: V): void {
    this.rowsOf(ref.file, ref.sheet, true)!.set(ref.row, value);
  }
}
