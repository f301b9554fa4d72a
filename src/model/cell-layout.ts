import { a1 } from '../read/types.js';

/**
 * A teacher's `cells` (field → A1 reference) without an object and a dozen strings per teacher:
 * every row of a sheet has the same columns, so the references are made from the sheet's column
 * layout and the row number when someone asks (issue 5: a million teachers in flat memory).
 * It reads as a plain Record<string, string>: `cells[key]`, `key in cells`, `Object.entries`,
 * JSON, equality in tests.
 */
/** What a row's cells are made from: its number. The teacher's `ref` serves, so no object is added. */
interface RowTarget {
  row: number;
}

/** The columns of a layout, and the handler that serves every row of it. */
export interface CellLayout {
  columns: Readonly<Record<string, number>>;
  /** The cells of a row; `target` is any object holding the row number (the teacher's ref). */
  at(target: { row: number }): Record<string, string>;
}

const LAYOUT = Symbol('cellLayout');
const ROW = Symbol('cellRow');

export function cellLayout(columns: Record<string, number>): CellLayout {
  const cols: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, columns);
  const keys = Object.keys(columns);
  // Keys written after creation, which then win over the layout; rare, so kept aside.
  const written = new WeakMap<RowTarget, Record<string, string>>();
  const value = (t: RowTarget, key: string | symbol): string | undefined => {
    if (typeof key !== 'string') return undefined;
    const extra = written.get(t);
    if (extra && key in extra) return extra[key];
    const c = cols[key];
    return c === undefined ? undefined : a1(t.row, c);
  };
  const handler: ProxyHandler<RowTarget> = {
    get: (t, key) => (key === LAYOUT ? layout : key === ROW ? t.row : value(t, key)),
    has: (t, key) => value(t, key) !== undefined,
    ownKeys: (t) => {
      const extra = written.get(t);
      return extra ? [...new Set([...keys, ...Object.keys(extra)])] : keys.slice();
    },
    getOwnPropertyDescriptor: (t, key) => {
      const v = value(t, key);
      return v === undefined ? undefined : { value: v, writable: true, enumerable: true, configurable: true };
    },
    set: (t, key, v) => {
      if (typeof key !== 'string') return false;
      let extra = written.get(t);
      if (!extra) written.set(t, (extra = {}));
      extra[key] = String(v);
      return true;
    },
    defineProperty: () => false,
    deleteProperty: () => false,
  };
  const layout: CellLayout = {
    columns: cols,
    at: (target) => new Proxy<RowTarget>(target, handler) as unknown as Record<string, string>,
  };
  return layout;
}

/** The layout and row behind a `cells` record made here, to send it between threads (a Proxy cannot be cloned). */
export function layoutOf(cells: Record<string, string>): { columns: Readonly<Record<string, number>>; row: number } | null {
  const layout = (cells as unknown as Record<symbol, CellLayout | undefined>)[LAYOUT];
  if (!layout) return null;
  return { columns: layout.columns, row: (cells as unknown as Record<symbol, number>)[ROW]! };
}
