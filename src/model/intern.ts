import { MODES, type Amount, type Mode, type TeacherYear } from './types.js';

/**
 * Teachers' amounts repeat: most declare the standard 24/30/36… hours and the credits the formula
 * gives, so a province's million teachers hold a few thousand distinct sets of numbers. Sharing
 * one frozen object per distinct set saves six objects per teacher (issue 5: flat memory).
 * Frozen, so code that wrote into a shared amount would fail loudly instead of changing other
 * teachers; the audit copies before it caps (applyPeriodRules).
 */
const MAX_ENTRIES = 200_000;

/** A 30-bit hash of `width` numbers from `at`: equal numbers (SameValueZero: 0 and -0, NaN and NaN) hash alike. */
function hashOf(values: Float64Array, at: number, width: number): number {
  let h = 0x811c9dc5;
  for (let i = at; i < at + width; i++) h = Math.imul(h ^ ((values[i]! * 1024) | 0), 0x01000193);
  return h & 0x3fffffff;
}

/** Numbers compared as Map keys are (SameValueZero), so interning never merges what a Map would keep apart. */
const same = (a: number, b: number) => a === b || (a !== a && b !== b);

/**
 * Distinct sets of `width` numbers, each with its shared value: an open-addressing table over
 * typed arrays. A Map of hashes to lists of entries took ~230 ns a lookup of eight numbers, on a
 * million teachers ~0.4 s of reading (issue 5, profiled); this takes a fraction of that.
 */
class NumberSets<T> {
  /** Per slot: its entry + 1, or 0 when empty. Twice the entries at least, so probes stay short. */
  private slots = new Int32Array(1024);
  /** Per entry, in the order added: its numbers (`width` of them), its hash and its value. */
  private keys: Float64Array;
  private hashes = new Int32Array(512);
  private values: T[] = [];
  constructor(private readonly width: number) {
    this.keys = new Float64Array(512 * width);
  }

  get size(): number {
    return this.values.length;
  }

  /** The value of the numbers `path` holds, whose hash is `h`. */
  find(path: Float64Array, h: number): T | undefined {
    const { slots, keys, hashes, width } = this;
    const mask = slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = slots[slot]! - 1;
      if (e < 0) return undefined;
      if (hashes[e] !== h) continue;
      let equal = true;
      for (let i = 0; i < width && equal; i++) equal = same(keys[e * width + i]!, path[i]!);
      if (equal) return this.values[e];
    }
  }

  add(path: Float64Array, h: number, value: T): void {
    const e = this.values.push(value) - 1;
    if (e >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.hashes[e] = h;
    this.keys.set(path.subarray(0, this.width), e * this.width);
    if (this.values.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let k = 0; k < e; k++) this.place(k);
    }
    this.place(e);
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[e]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = e + 1;
  }
}

/**
 * A teacher's amounts as eight numbers from `at`: hours then credits of each mode in MODES order,
 * as rawOf reads them. Named, not by a key in a loop: a million teachers pass here (issue 5, profiled).
 */
export function putAmounts(to: Float64Array, at: number, a: Record<Mode, Amount>): void {
  to[at] = a.concentrated.hours;
  to[at + 1] = a.concentrated.credits;
  to[at + 2] = a.online.hours;
  to[at + 3] = a.online.credits;
  to[at + 4] = a.school.hours;
  to[at + 5] = a.school.credits;
  to[at + 6] = a.other.hours;
  to[at + 7] = a.other.credits;
}

/** A declared total's numbers: hours and credits (0 where missing), then which are missing (bit 0 hours, bit 1 credits). */
const DECLARED_WIDTH = 3;

export class AmountInterner {
  private raws = new NumberSets<Record<Mode, Amount>>(MODES.length * 2);
  private declareds = new NumberSets<TeacherYear['declared']>(DECLARED_WIDTH);
  private path = new Float64Array(MODES.length * 2);
  private declaredPath = new Float64Array(DECLARED_WIDTH);

  private get size(): number {
    return this.raws.size + this.declareds.size;
  }

  raw(r: Record<Mode, Amount>): Record<Mode, Amount> {
    putAmounts(this.path, 0, r);
    return this.rawOf(this.path, 0);
  }

  /**
   * The shared amounts of eight numbers, hours then credits of each mode in MODES order, read from
   * `values` at `at`: how a batch's worker sends them (../audit/transfer.ts).
   */
  rawOf(values: Float64Array, at: number): Record<Mode, Amount> {
    const path = this.path;
    if (values !== path || at !== 0) for (let i = 0; i < path.length; i++) path[i] = values[at + i]!;
    const h = hashOf(path, 0, path.length);
    const found = this.raws.find(path, h);
    if (found) return found;
    const amount = (hours: number, credits: number): Amount => Object.freeze({ hours, credits });
    const value: Record<Mode, Amount> = Object.freeze({
      concentrated: amount(path[0]!, path[1]!),
      online: amount(path[2]!, path[3]!),
      school: amount(path[4]!, path[5]!),
      other: amount(path[6]!, path[7]!),
    });
    if (this.size < MAX_ENTRIES) this.raws.add(path, h, value);
    return value;
  }

  declared(d: TeacherYear['declared']): TeacherYear['declared'] {
    const path = this.declaredPath;
    path[0] = d.hours ?? 0;
    path[1] = d.credits ?? 0;
    path[2] = (d.hours === null ? 1 : 0) | (d.credits === null ? 2 : 0);
    const h = hashOf(path, 0, DECLARED_WIDTH);
    const found = this.declareds.find(path, h);
    if (found) return found;
    const value = Object.freeze({ hours: d.hours, credits: d.credits });
    if (this.size < MAX_ENTRIES) this.declareds.add(path, h, value);
    return value;
  }
}

let threadInterner: AmountInterner | null = null;

/**
 * The interner every sheet read in this thread shares: a batch's county returns repeat the same
 * few thousand sets of numbers, and a table per 1 000-row file met most of them for the first
 * time, building each anew (issue 5, profiled). Bounded like any interner (MAX_ENTRIES).
 */
export function sharedInterner(): AmountInterner {
  return (threadInterner ??= new AmountInterner());
}

/** One shared empty list for the many teachers with no bad value. */
export const NO_BAD_VALUES: TeacherYear['badValues'] = Object.freeze([]) as unknown as TeacherYear['badValues'];

/**
 * One string for each distinct text of a field that takes few values (性别, 任教学段学科, 职称,
 * 备注). A CSV's parser makes a new string for every cell, where an .xlsx's shared strings give
 * one per text: a million CSV rows held ~3 million copies of 男, 高中数学 and 一级教师, 55–100 MB at
 * the peak (issue 5). Bounded: a field that turns out to take many values stops adding at
 * MAX_TEXTS and its texts are kept as they come.
 */
export class TextPool {
  private readonly texts = new Map<string, string>();
  static readonly MAX_TEXTS = 4096;

  /** The pool's string equal to `text`, or `text` itself, kept for the next time while there is room. */
  of(text: string): string {
    const held = this.texts.get(text);
    if (held !== undefined) return held;
    if (this.texts.size < TextPool.MAX_TEXTS) this.texts.set(text, text);
    return text;
  }

  get size(): number {
    return this.texts.size;
  }
}
