/**
 * A map keyed by a source row (file, sheet, row) without making a key string per lookup: the
 * report looks up a million teachers' rows, and joining three values into a string each time
 * cost seconds (issue 5, profiled). Rows of one sheet come one after another, so the last
 * sheet's rows are kept at hand: most lookups are then one sheet's, not three Maps'.
 * A sheet's rows are small whole numbers, so they index arrays of ROWS_PER_BLOCK slots rather
 * than a Map: a Map of a few hundred thousand rows cost ~300 ns a set and ~150 ns a lookup
 * (cache misses over its table, profiled on the million-row report: ~0.4 s), a slot a few ns.
 * Blocks of a fixed size stay dense whatever rows a sheet has (a long array grown at a row far
 * past its end would turn into a dictionary, as slow as the Map).
 */
const ROWS_PER_BLOCK = 1024;

/** One sheet's rows: a block per ROWS_PER_BLOCK rows, made when a row in it is set. */
class SheetRows<V> {
  private blocks: Array<Array<V | undefined> | undefined> = [];

  get(row: number): V | undefined {
    // Row numbers are positive integers; anything else (a bad ref) is simply not held.
    if (!(row >= 0) || !Number.isSafeInteger(row)) return undefined;
    return this.blocks[Math.floor(row / ROWS_PER_BLOCK)]?.[row % ROWS_PER_BLOCK];
  }

  set(row: number, value: V): void {
    if (!(row >= 0) || !Number.isSafeInteger(row)) throw new RangeError(`RowIndex: row ${row} is not a row number`);
    const b = Math.floor(row / ROWS_PER_BLOCK);
    const block = (this.blocks[b] ??= new Array<V | undefined>(ROWS_PER_BLOCK).fill(undefined));
    block[row % ROWS_PER_BLOCK] = value;
  }
}

export class RowIndex<V> {
  private files = new Map<string, Map<string, SheetRows<V>>>();
  private lastFile: string | undefined;
  private lastSheet: string | undefined;
  private lastRows: SheetRows<V> | undefined;

  /** The rows of (file, sheet); made when `make`. */
  private rowsOf(file: string, sheet: string, make: boolean): SheetRows<V> | undefined {
    if (file === this.lastFile && sheet === this.lastSheet && this.lastRows) return this.lastRows;
    let sheets = this.files.get(file);
    if (!sheets) {
      if (!make) return undefined;
      this.files.set(file, (sheets = new Map()));
    }
    let rows = sheets.get(sheet);
    if (!rows) {
      if (!make) return undefined;
      sheets.set(sheet, (rows = new SheetRows()));
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
