import { putAmounts, sharedInterner } from '../model/intern.js';
import type { Amount, Mode, TeacherResult, TeacherStatus, TeacherYear } from '../model/types.js';
import type { AuditedInput } from './load.js';

/**
 * An audited input packed to cross from a worker thread: each distinct string and object crosses
 * once, the rest as indexes in typed arrays (why, measured: docs/performance.md).
 */
export interface PackedInput {
  summary: AuditedInput['summary'];
  findings: AuditedInput['audited']['findings'];
  count: number;
  /** Every distinct string, then per teacher the index of each of TEXT_FIELDS. */
  strings: string[];
  text: Int32Array;
  /** Every distinct value of the object fields (null and undefined included), then per teacher the index of each of OBJECT_FIELDS. */
  objects: unknown[];
  object: Int32Array;
  /** Per teacher: year, row. */
  numbers: Float64Array;
  /** Per teacher: idFromNumber (0 absent, 1 true), status code. */
  flags: Uint8Array;
  /** Every distinct raw or counted amount object: eight numbers each (hours, credits per mode in MODES order), then per teacher the index of raw and of counted. */
  amounts: Float64Array;
  /** Per distinct amount object: 1 when frozen (a shared one). */
  amountFrozen: Uint8Array;
  /** Every distinct declared object: hours and credits (0 where null), then per teacher its index. */
  declared: Float64Array;
  /** Per distinct declared object: bit 0 hours null, bit 1 credits null, bit 2 frozen. */
  declaredBits: Uint8Array;
  amountOf: Int32Array;
}

/**
 * The text of a teacher, in the order unpackInput reads it; `unique` where teachers rarely share
 * it (their 身份证号, name and cell), so it is not looked up among the others.
 */
const TEXT_FIELDS: ReadonlyArray<{ of: (r: TeacherResult) => string; unique?: true }> = [
  { of: (r) => r.teacher.id, unique: true },
  { of: (r) => r.teacher.name, unique: true },
  { of: (r) => r.teacher.gender },
  { of: (r) => r.teacher.school },
  { of: (r) => r.teacher.subject },
  { of: (r) => r.teacher.title },
  { of: (r) => r.teacher.remarks },
  { of: (r) => r.teacher.ref.file },
  { of: (r) => r.teacher.ref.sheet },
  { of: (r) => r.teacher.ref.cell, unique: true },
];
/** The objects of a teacher and its result, in the order unpackInput reads them. */
const OBJECT_FIELDS: ReadonlyArray<(r: TeacherResult) => unknown> = [
  (r) => r.teacher.badValues,
  (r) => r.teacher.exempt,
  (r) => r.teacher.capped,
  (r) => r.teacher.cells,
  (r) => r.teacher.records,
  (r) => r.shortfalls,
  (r) => r.teacher.merged,
  (r) => r.teacher.roles,
];
const STATUSES: readonly TeacherStatus[] = ['complete', 'incomplete', 'exempt'];

/** Distinct values, each given an index once. */
class Table<T> {
  readonly values: T[] = [];
  private index = new Map<T, number>();
  of(v: T): number {
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.values.push(v) - 1;
      this.index.set(v, i);
    }
    return i;
  }
}

/**
 * One field's values put in a table: a value the same as the last teacher's (a sheet's school,
 * file and columns, the shared empty lists) costs a comparison, not a lookup. Lookups were most of
 * what packing a county return cost a worker (~2 ms a file, profiled).
 */
class Column<T> {
  private last: T | typeof NONE = NONE;
  private lastIndex = -1;
  constructor(
    private readonly table: Table<T>,
    private readonly unique = false,
  ) {}
  of(v: T): number {
    if (v === this.last) return this.lastIndex;
    this.last = v;
    return (this.lastIndex = this.unique ? this.table.values.push(v) - 1 : this.table.of(v));
  }
}
const NONE = Symbol('none');

/** A fresh amount object of its own (not frozen): one the audit may change, as it was sent. */
function ownAmounts(from: Float64Array, at: number): Record<Mode, Amount> {
  return {
    concentrated: { hours: from[at]!, credits: from[at + 1]! },
    online: { hours: from[at + 2]!, credits: from[at + 3]! },
    school: { hours: from[at + 4]!, credits: from[at + 5]! },
    other: { hours: from[at + 6]!, credits: from[at + 7]! },
  };
}

const AMOUNT_NUMBERS = 8;
const HOURS_NULL = 1;
const CREDITS_NULL = 2;
const FROZEN = 4;

export function packInput(input: AuditedInput): PackedInput {
  const results = input.audited.results;
  const count = results.length;
  if (input.teachers.length !== count || input.teachers.some((t, i) => t !== results[i]!.teacher)) {
    // Every input gives one result per teacher, in order; anything else would lose a teacher here.
    throw new Error('packInput: teachers and results differ');
  }
  const strings = new Table<string>();
  const objects = new Table<unknown>();
  const amountObjects = new Table<Record<Mode, Amount>>();
  const declaredObjects = new Table<TeacherYear['declared']>();
  const text = new Int32Array(count * TEXT_FIELDS.length);
  const object = new Int32Array(count * OBJECT_FIELDS.length);
  const amountOf = new Int32Array(count * 3);
  const numbers = new Float64Array(count * 2);
  const flags = new Uint8Array(count * 2);
  const textColumns = TEXT_FIELDS.map((f) => new Column(strings, f.unique));
  const objectColumns = OBJECT_FIELDS.map(() => new Column(objects));
  for (let i = 0; i < count; i++) {
    const r = results[i]!;
    const t = r.teacher;
    for (let k = 0; k < TEXT_FIELDS.length; k++) text[i * TEXT_FIELDS.length + k] = textColumns[k]!.of(TEXT_FIELDS[k]!.of(r));
    for (let k = 0; k < OBJECT_FIELDS.length; k++) object[i * OBJECT_FIELDS.length + k] = objectColumns[k]!.of(OBJECT_FIELDS[k]!(r));
    // By identity, as the objects are: a counted that is the raw itself stays the raw itself.
    const raw = amountObjects.of(t.raw);
    amountOf[i * 3] = raw;
    amountOf[i * 3 + 1] = t.counted === t.raw ? raw : amountObjects.of(t.counted);
    amountOf[i * 3 + 2] = declaredObjects.of(t.declared);
    numbers[i * 2] = t.year;
    numbers[i * 2 + 1] = t.ref.row;
    flags[i * 2] = t.idFromNumber ? 1 : 0;
    flags[i * 2 + 1] = STATUSES.indexOf(r.status);
  }
  const amounts = new Float64Array(amountObjects.values.length * AMOUNT_NUMBERS);
  const amountFrozen = new Uint8Array(amountObjects.values.length);
  amountObjects.values.forEach((a, k) => {
    putAmounts(amounts, k * AMOUNT_NUMBERS, a);
    amountFrozen[k] = Object.isFrozen(a) ? 1 : 0;
  });
  const declared = new Float64Array(declaredObjects.values.length * 2);
  const declaredBits = new Uint8Array(declaredObjects.values.length);
  declaredObjects.values.forEach((d, k) => {
    declared[k * 2] = d.hours ?? 0;
    declared[k * 2 + 1] = d.credits ?? 0;
    declaredBits[k] = (d.hours === null ? HOURS_NULL : 0) | (d.credits === null ? CREDITS_NULL : 0) | (Object.isFrozen(d) ? FROZEN : 0);
  });
  return {
    summary: input.summary,
    findings: input.audited.findings,
    count,
    strings: strings.values,
    text,
    objects: objects.values,
    object,
    numbers,
    flags,
    amounts,
    amountFrozen,
    declared,
    declaredBits,
    amountOf,
  };
}

/** The typed arrays of a packed input, to move rather than copy. */
export function transferList(p: PackedInput): ArrayBuffer[] {
  return [p.text, p.object, p.numbers, p.flags, p.amounts, p.amountFrozen, p.declared, p.declaredBits, p.amountOf].map((a) => a.buffer as ArrayBuffer);
}

export function unpackInput(p: PackedInput): AuditedInput {
  const teachers: TeacherYear[] = [];
  const results: TeacherResult[] = [];
  const { strings: str, objects: obj, text, object, numbers, flags, amountOf } = p;
  const interner = sharedInterner();
  // A shared (frozen) object is this thread's shared one of the same numbers; any other is a copy of its own.
  const amounts = Array.from(p.amountFrozen, (frozen, k) => (frozen ? interner.rawOf(p.amounts, k * AMOUNT_NUMBERS) : ownAmounts(p.amounts, k * AMOUNT_NUMBERS)));
  const declareds = Array.from(p.declaredBits, (bits, k): TeacherYear['declared'] => {
    const d = { hours: bits & HOURS_NULL ? null : p.declared[k * 2]!, credits: bits & CREDITS_NULL ? null : p.declared[k * 2 + 1]! };
    return bits & FROZEN ? interner.declared(d) : d;
  });
  for (let i = 0; i < p.count; i++) {
    const s = i * TEXT_FIELDS.length;
    const o = i * OBJECT_FIELDS.length;
    const t: TeacherYear = {
      id: str[text[s]!]!,
      name: str[text[s + 1]!]!,
      gender: str[text[s + 2]!]!,
      school: str[text[s + 3]!]!,
      year: numbers[i * 2]!,
      subject: str[text[s + 4]!]!,
      title: str[text[s + 5]!]!,
      remarks: str[text[s + 6]!]!,
      raw: amounts[amountOf[i * 3]!]!,
      counted: amounts[amountOf[i * 3 + 1]!]!,
      declared: declareds[amountOf[i * 3 + 2]!]!,
      badValues: obj[object[o]!] as TeacherYear['badValues'],
      exempt: obj[object[o + 1]!] as TeacherYear['exempt'],
      ref: { file: str[text[s + 7]!]!, sheet: str[text[s + 8]!]!, row: numbers[i * 2 + 1]!, cell: str[text[s + 9]!]! },
      cells: obj[object[o + 3]!] as TeacherYear['cells'],
      idFromNumber: flags[i * 2] ? true : undefined,
      capped: obj[object[o + 2]!] as TeacherYear['capped'],
      records: obj[object[o + 4]!] as TeacherYear['records'],
    };
    // Set only where a teacher has one, as the shapes do: a slot on every teacher is memory for nothing.
    const merged = obj[object[o + 6]!] as TeacherYear['merged'];
    if (merged) t.merged = merged;
    // Roles exist where the input has the column (issue 19): without them, role checks do not apply.
    const roles = obj[object[o + 7]!] as TeacherYear['roles'];
    if (roles) t.roles = roles;
    teachers.push(t);
    results.push({ teacher: t, status: STATUSES[flags[i * 2 + 1]!]!, shortfalls: obj[object[o + 5]!] as TeacherResult['shortfalls'] });
  }
  return { summary: p.summary, teachers, audited: { results, findings: p.findings } };
}
