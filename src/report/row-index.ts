/**
 * A map keyed by a source row (file, sheet, row) without making a key string per lookup: the
 * report looks up a million teachers' rows, and joining three values into a string each time
 * cost seconds (issue 5, profiled).
 */
export class RowIndex<V> {
  private files = new Map<string, Map<string, Map<number, V>>>();

  get(ref: { file: string; sheet: string; row: number }): V | undefined {
    return this.files.get(ref.file)?.get(ref.sheet)?.get(ref.row);
  }

  has(ref: { file: string; sheet: string; row: number }): boolean {
    return this.get(ref) !== undefined;
  }

  set(ref: { file: string; sheet: string; row: number }, value: V): void {
    let sheets = this.files.get(ref.file);
    if (!sheets) this.files.set(ref.file, (sheets = new Map()));
    let rows = sheets.get(ref.sheet);
    if (!rows) sheets.set(ref.sheet, (rows = new Map()));
    rows.set(ref.row, value);
  }
}
