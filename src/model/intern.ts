import { MODES, type Amount, type Mode, type TeacherYear } from './types.js';

/**
 * Teachers' amounts repeat: most declare the standard 24/30/36… hours and the credits the formula
 * gives, so a province's million teachers hold a few thousand distinct sets of numbers. Sharing
 * one frozen object per distinct set saves six objects per teacher (issue 5: flat memory).
 * Frozen, so code that wrote into a shared amount would fail loudly instead of changing other
 * teachers; the audit copies before it caps (applyPeriodRules).
 */
const MAX_ENTRIES = 200_000;

/** A 31-bit hash of a few numbers (or nulls): a Smi key for a Map, collisions checked by value. */
function hashOf(values: ArrayLike<number | null>): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    h = Math.imul(h ^ (v === null ? 0x7fffffff : (v * 1024) | 0), 0x01000193);
  }
  return h & 0x3fffffff;
}

/** Numbers compared as Map keys are (SameValueZero), so interning never merges what a Map would keep apart. */
const same = (a: number | null, b: number | null) => a === b || (a !== a && b !== b);

export class AmountInterner {
  private raws = new Map<number, Array<{ values: number[]; value: Record<Mode, Amount> }>>();
  private declareds = new Map<number, Array<TeacherYear['declared']>>();
  private size = 0;
  private path = new Float64Array(MODES.length * 2);

  raw(r: Record<Mode, Amount>): Record<Mode, Amount> {
    const path = this.path;
    // Named, not by a key in a loop: a million teachers pass here (issue 5, profiled).
    path[0] = r.concentrated.hours;
    path[1] = r.concentrated.credits;
    path[2] = r.online.hours;
    path[3] = r.online.credits;
    path[4] = r.school.hours;
    path[5] = r.school.credits;
    path[6] = r.other.hours;
    path[7] = r.other.credits;
    return this.rawOf(path, 0);
  }

  /**
   * The shared amounts of eight numbers, hours then credits of each mode in MODES order, read from
   * `values` at `at`: how a batch's worker sends them (../audit/transfer.ts).
   */
  rawOf(values: ArrayLike<number>, at: number): Record<Mode, Amount> {
    const path = this.path;
    if (values !== path) for (let i = 0; i < path.length; i++) path[i] = values[at + i]!;
    const h = hashOf(path);
    const bucket = this.raws.get(h);
    if (bucket) {
      for (const e of bucket) {
        let equal = true;
        for (let i = 0; i < path.length && equal; i++) equal = same(e.values[i]!, path[i]!);
        if (equal) return e.value;
      }
    }
    const amount = (hours: number, credits: number): Amount => Object.freeze({ hours, credits });
    const value: Record<Mode, Amount> = Object.freeze({
      concentrated: amount(path[0]!, path[1]!),
      online: amount(path[2]!, path[3]!),
      school: amount(path[4]!, path[5]!),
      other: amount(path[6]!, path[7]!),
    });
    if (this.size < MAX_ENTRIES) {
      this.size++;
      if (bucket) bucket.push({ values: Array.from(path), value });
      else this.raws.set(h, [{ values: Array.from(path), value }]);
    }
    return value;
  }

  declared(d: TeacherYear['declared']): TeacherYear['declared'] {
    const h = hashOf([d.hours, d.credits]);
    const bucket = this.declareds.get(h);
    if (bucket) for (const e of bucket) if (same(e.hours, d.hours) && same(e.credits, d.credits)) return e;
    const value = Object.freeze({ hours: d.hours, credits: d.credits });
    if (this.size < MAX_ENTRIES) {
      this.size++;
      if (bucket) bucket.push(value);
      else this.declareds.set(h, [value]);
    }
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
