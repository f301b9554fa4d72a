
/**
 * Where a teacher's fields are: field name (`online.hours`) → 0-based column. Every row of a sheet
 * has the same columns, so one frozen object serves all of a sheet's teachers and a field's cell
 * is made from it and the teacher's row when someone asks (issue 5: a million teachers in flat
 * memory; a Proxy per teacher cost 32 bytes each and a copy per row crossing threads).
 */
export type CellColumns = Readonly<Record<string, number>>;

/** The columns of a sheet, frozen: shared by every teacher of the sheet. */
export function cellColumns(columns: Record<string, number>): CellColumns {
  return Object.freeze({ ...columns });
}

/** The A1 reference of a teacher's field (`B11`), or undefined when the sheet has no such column. */
export function cellOf(t: { ref: { row: number }; cells: CellColumns }, field: string): string | undefined {
  const c = t.cells[field];
  return c === undefined ? undefined : a1(t.ref.row, c);
}

/** The field whose cell a reference names, on the teacher's row. */
export function fieldAt(t: { ref: { row: number }; cells: CellColumns }, cell: string): string | undefined {
  for (const [field, c] of Object.entries(t.cells)) if (a1(t.ref.row, c) === cell) return field;
  return undefined;
}

/** A1 column letters for a 0-based column index. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}
