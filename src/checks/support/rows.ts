import path from 'node:path';
import type { InputSummary, SourceRef, TeacherYear } from '../../model/types.js';

/**
 * Where another row is, as a person finds it from this one: the cell (`B9`) in the same sheet,
 * `Sheet2!B9` in the same file, `file.xlsx!B9` in another file.
 */
export function placeFrom(ref: SourceRef, from: SourceRef): string {
  if (ref.file !== from.file) return `${ref.file.split(/[\\/]/).pop()}!${ref.cell}`;
  return ref.sheet === from.sheet ? ref.cell : `${ref.sheet}!${ref.cell}`;
}

/** Teacher-years grouped by a key; a blank key (no 身份证号) groups nothing. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The groups the duplicate checks look at: rows that share a 身份证号 and that `same` puts
 * together (same school and year; same year; any), two or more, each in input order; grouped by
 * the ID once per list, no key made per row (docs/performance.md).
 */
export function repeatedGroups<T extends { id: string }>(items: readonly T[], same: (a: T, b: T) => boolean): T[][] {
  const out: T[][] = [];
  for (const group of idGroups(items)) {
    // Each row is compared with each part's first row: an ID's parts are few (its years, its schools).
    const parts: T[][] = [];
    for (const t of group) {
      const part = parts.find((p) => same(p[0]!, t));
      if (part) part.push(t);
      else parts.push([t]);
    }
    for (const p of parts) if (p.length > 1) out.push(p);
  }
  return out;
}

/**
 * Of a teacher's rows of one year, the one that counts: the engine marks every other one set aside
 * (src/audit/dedupe.ts), naming it. Rows no engine has looked at (a check run alone) count the first.
 */
export function countedRow(rows: readonly TeacherYear[]): TeacherYear {
  for (const t of rows) if (!t.setAside) return t;
  return rows[0]!.setAside!.kept;
}

/**
 * Another input's path as a person finds it from this input: its name when it is in the same
 * folder, otherwise relative to this input's folder (`../b/x.xlsx`). A finding is made before the
 * CLI shows paths relative to where it ran, so the other path is said from the finding's own file.
 */
export function fileFrom(file: string, from: string): string {
  return path.relative(path.dirname(from), file) || path.basename(file);
}

/** An input's finding points at its first sheet's first cell (where a form carries its title). */
export function inputRef(input: InputSummary): SourceRef {
  return { file: input.file, sheet: input.sheets[0]?.sheet ?? '', row: 1, cell: 'A1' };
}

/** The other rows a duplicate finding names; the rest are counted (`…（+N）`). */
export const OTHERS_SHOWN = 10;

/**
 * For a group of rows: each row's first OTHERS_SHOWN other rows (input order) whose key differs
 * from its own, and how many differ in all; a run of rows of one key is skipped at once (docs/performance.md).
 */
export function othersOf<T>(rows: readonly T[], key: (row: T) => unknown): (i: number) => { shown: T[]; count: number } {
  const keys = rows.map(key);
  const total = new Map<unknown, number>();
  for (const k of keys) total.set(k, (total.get(k) ?? 0) + 1);
  const runEnd = new Int32Array(rows.length);
  for (let i = rows.length - 1; i >= 0; i--) runEnd[i] = i + 1 < rows.length && keys[i + 1] === keys[i] ? runEnd[i + 1]! : i + 1;
  return (i) => {
    const own = keys[i];
    const shown: T[] = [];
    for (let j = 0; j < rows.length && shown.length < OTHERS_SHOWN; ) {
      if (keys[j] === own) j = runEnd[j]!;
      else shown.push(rows[j++]!);
    }
    return { shown, count: rows.length - total.get(own)! };
  };
}

/** The names of the other rows, joined, with how many more there are. */
export function joinOthers(names: string[], count: number, separator: string): string {
  return count > names.length ? `${names.join(separator)}${separator}…（+${count - names.length}）` : names.join(separator);
}

/**
 * What a duplicate finding says of the other rows: for row i, the label of each other row named
 * (othersOf, by `key`), joined by `separator`, with how many more there are.
 */
export function othersText<T>(rows: readonly T[], key: (row: T) => unknown, label: (other: T, row: T) => string, separator: string): (i: number) => string {
  const others = othersOf(rows, key);
  return (i) => {
    const { shown, count } = others(i);
    return joinOthers(
      shown.map((o) => label(o, rows[i]!)),
      count,
      separator,
    );
  };
}

/** The rows of each repeated ID, in order of the ID's first row: found once for a list (checks never change their input). */
const idGroupsOf = new WeakMap<readonly unknown[], unknown[][]>();

/** The rows of each repeated 身份证号, two or more, in order of the ID's first row (found once for a list). */
export function idGroups<T extends { id: string }>(items: readonly T[]): T[][] {
  let groups = idGroupsOf.get(items) as T[][] | undefined;
  if (!groups) {
    groups = [...groupBy(sharingAnId(items), (t) => t.id).values()];
    idGroupsOf.set(items, groups);
  }
  return groups;
}

/**
 * The items whose 身份证号 another item also has, in input order; items without one are left out.
 * An open-addressing table in one typed array, not a Map (docs/performance.md).
 */
export function sharingAnId<T extends { id: string }>(items: readonly T[]): T[] {
  let size = 1024;
  while (size < items.length * 2) size *= 2;
  const mask = size - 1;
  // Item index + 1 at each slot; 0 is an empty slot. Beside it the slot's hash: a slot taken by
  // another ID is passed over without reading that item and its ID from the heap (~1.5 slots are
  // looked at per item, each a cache miss: ~0.2 s of a million).
  const slots = new Int32Array(size);
  const hashes = new Int32Array(size);
  const repeated = new Uint8Array(items.length);
  let repeats = 0;
  for (let i = 0; i < items.length; i++) {
    const id = items[i]!.id;
    if (!id) continue;
    let h = 0x811c9dc5;
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot]!;
      if (at === 0) {
        slots[slot] = i + 1;
        hashes[slot] = h;
        break;
      }
      if (hashes[slot] === h && items[at - 1]!.id === id) {
        // The first item with this ID marks the group; every later one is marked too.
        if (!repeated[at - 1]) {
          repeated[at - 1] = 1;
          repeats++;
        }
        repeated[i] = 1;
        repeats++;
        break;
      }
    }
  }
  if (repeats === 0) return [];
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) if (repeated[i]) out.push(items[i]!);
  return out;
}

/** Each input's parts the engine set aside for `reason` (src/engine/dedupe.ts), with their input. */
export function setAsideParts(inputs: readonly InputSummary[], reason: NonNullable<InputSummary['setAside']>[number]['reason']) {
  return inputs.flatMap((input) => (input.setAside ?? []).filter((part) => part.reason === reason).map((part) => ({ input, part })));
}
