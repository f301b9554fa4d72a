import type { TeacherResult, TeacherStatus, TeacherYear } from '../model/types.js';
import type { AuditedInput } from './load-many.js';

/**
 * An audited input packed to cross from a worker thread (issue 5, batches). Structured clone
 * copies every object and every string of every teacher: the school, file, sheet, gender, subject
 * and title strings once per teacher, and a result object per teacher. It cost ~4 ms to send and
 * ~6 ms to rebuild 1 000 teachers, a quarter of the work of reading and auditing them. Packed,
 * each distinct string and each distinct object (the shared amounts, the sheet's columns, the
 * empty lists) crosses once, and the rest are indexes in typed arrays, copied as bytes.
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
}

/** The text of a teacher, in the order unpackInput reads it. */
const TEXT_FIELDS: ReadonlyArray<(r: TeacherResult) => string> = [
  (r) => r.teacher.id,
  (r) => r.teacher.name,
  (r) => r.teacher.gender,
  (r) => r.teacher.school,
  (r) => r.teacher.subject,
  (r) => r.teacher.title,
  (r) => r.teacher.remarks,
  (r) => r.teacher.ref.file,
  (r) => r.teacher.ref.sheet,
  (r) => r.teacher.ref.cell,
];
/** The objects of a teacher and its result, in the order unpackInput reads them. */
const OBJECT_FIELDS: ReadonlyArray<(r: TeacherResult) => unknown> = [
  (r) => r.teacher.raw,
  (r) => r.teacher.counted,
  (r) => r.teacher.declared,
  (r) => r.teacher.badValues,
  (r) => r.teacher.exempt,
  (r) => r.teacher.capped,
  (r) => r.teacher.cells,
  (r) => r.teacher.records,
  (r) => r.shortfalls,
];
const STATUSES: readonly TeacherStatus[] = ['complete', 'incomplete', 'exempt'];

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

export function packInput(input: AuditedInput): PackedInput {
  const results = input.audited.results;
  const count = results.length;
  if (input.teachers.length !== count || input.teachers.some((t, i) => t !== results[i]!.teacher)) {
    // Every input gives one result per teacher, in order; anything else would lose a teacher here.
    throw new Error('packInput: teachers and results differ');
  }
  const strings = new Table<string>();
  const objects = new Table<unknown>();
  const text = new Int32Array(count * TEXT_FIELDS.length);
  const object = new Int32Array(count * OBJECT_FIELDS.length);
  const numbers = new Float64Array(count * 2);
  const flags = new Uint8Array(count * 2);
  for (let i = 0; i < count; i++) {
    const r = results[i]!;
    const t = r.teacher;
    for (let k = 0; k < TEXT_FIELDS.length; k++) text[i * TEXT_FIELDS.length + k] = strings.of(TEXT_FIELDS[k]!(r));
    for (let k = 0; k < OBJECT_FIELDS.length; k++) object[i * OBJECT_FIELDS.length + k] = objects.of(OBJECT_FIELDS[k]!(r));
    numbers[i * 2] = t.year;
    numbers[i * 2 + 1] = t.ref.row;
    flags[i * 2] = t.idFromNumber ? 1 : 0;
    flags[i * 2 + 1] = STATUSES.indexOf(r.status);
  }
  return { summary: input.summary, findings: input.audited.findings, count, strings: strings.values, text, objects: objects.values, object, numbers, flags };
}

export function unpackInput(p: PackedInput): AuditedInput {
  const teachers: TeacherYear[] = [];
  const results: TeacherResult[] = [];
  const { strings: str, objects: obj, text, object, numbers, flags } = p;
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
      raw: obj[object[o]!] as TeacherYear['raw'],
      counted: obj[object[o + 1]!] as TeacherYear['counted'],
      declared: obj[object[o + 2]!] as TeacherYear['declared'],
      badValues: obj[object[o + 3]!] as TeacherYear['badValues'],
      exempt: obj[object[o + 4]!] as TeacherYear['exempt'],
      ref: { file: str[text[s + 7]!]!, sheet: str[text[s + 8]!]!, row: numbers[i * 2 + 1]!, cell: str[text[s + 9]!]! },
      cells: obj[object[o + 6]!] as TeacherYear['cells'],
      idFromNumber: flags[i * 2] ? true : undefined,
      capped: obj[object[o + 5]!] as TeacherYear['capped'],
      records: obj[object[o + 7]!] as TeacherYear['records'],
    };
    teachers.push(t);
    results.push({ teacher: t, status: STATUSES[flags[i * 2 + 1]!]!, shortfalls: obj[object[o + 8]!] as TeacherResult['shortfalls'] });
  }
  return { summary: p.summary, teachers, audited: { results, findings: p.findings } };
}
