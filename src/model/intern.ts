import { MODES, type Amount, type Mode, type TeacherYear } from './types.js';

/**
 * Teachers' amounts repeat: most declare the standard 24/30/36… hours and the credits the formula
 * gives, so a province's million teachers hold a few thousand distinct sets of numbers. Sharing
 * one frozen object per distinct set saves six objects per teacher (issue 5: flat memory).
 * Frozen, so code that wrote into a shared amount would fail loudly instead of changing other
 * teachers; the audit copies before it caps (applyPeriodRules).
 */
const MAX_ENTRIES = 200_000;

type Trie = Map<number | null, Trie | object>;

/** The object stored under a path of numbers (nested maps: no key strings, no number formatting). */
function lookup<T extends object>(root: Trie, path: Array<number | null>, make: () => T, size: { n: number }): T {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    let next = node.get(path[i]!) as Trie | undefined;
    if (!next) {
      if (size.n >= MAX_ENTRIES) return make();
      node.set(path[i]!, (next = new Map()));
    }
    node = next;
  }
  const last = path[path.length - 1]!;
  let hit = node.get(last) as T | undefined;
  if (!hit) {
    hit = make();
    if (size.n < MAX_ENTRIES) {
      node.set(last, hit);
      size.n++;
    }
  }
  return hit;
}

export class AmountInterner {
  private raws: Trie = new Map();
  private declareds: Trie = new Map();
  private size = { n: 0 };
  private path: number[] = new Array(MODES.length * 2);

  raw(r: Record<Mode, Amount>): Record<Mode, Amount> {
    for (let i = 0; i < MODES.length; i++) {
      this.path[2 * i] = r[MODES[i]!].hours;
      this.path[2 * i + 1] = r[MODES[i]!].credits;
    }
    return lookup(this.raws, this.path, () => Object.freeze(Object.fromEntries(MODES.map((m) => [m, Object.freeze({ hours: r[m].hours, credits: r[m].credits })])) as Record<Mode, Amount>), this.size);
  }

  declared(d: TeacherYear['declared']): TeacherYear['declared'] {
    return lookup(this.declareds, [d.hours, d.credits], () => Object.freeze({ hours: d.hours, credits: d.credits }), this.size);
  }
}

/** One shared empty list for the many teachers with no bad value. */
export const NO_BAD_VALUES: TeacherYear['badValues'] = Object.freeze([]) as unknown as TeacherYear['badValues'];
