import { MODES, type Amount, type Mode, type TeacherYear } from './types.js';

/**
 * Teachers' amounts repeat: most declare the standard 24/30/36… hours and the credits the formula
 * gives, so a province's million teachers hold a few thousand distinct sets of numbers. Sharing
 * one frozen object per distinct set saves six objects per teacher (issue 5: flat memory).
 * Frozen, so code that wrote into a shared amount would fail loudly instead of changing other
 * teachers; the audit copies before it caps (applyPeriodRules).
 */
const MAX_ENTRIES = 200_000;

export class AmountInterner {
  private raws = new Map<string, Record<Mode, Amount>>();
  private declareds = new Map<string, TeacherYear['declared']>();

  raw(r: Record<Mode, Amount>): Record<Mode, Amount> {
    let key = '';
    for (const m of MODES) key += `${r[m].hours},${r[m].credits};`;
    const hit = this.raws.get(key);
    if (hit) return hit;
    const frozen = Object.freeze(
      Object.fromEntries(MODES.map((m) => [m, Object.freeze({ hours: r[m].hours, credits: r[m].credits })])) as Record<Mode, Amount>,
    );
    if (this.raws.size < MAX_ENTRIES) this.raws.set(key, frozen);
    return frozen;
  }

  declared(d: TeacherYear['declared']): TeacherYear['declared'] {
    const key = `${d.hours},${d.credits}`;
    const hit = this.declareds.get(key);
    if (hit) return hit;
    const frozen = Object.freeze({ hours: d.hours, credits: d.credits });
    if (this.declareds.size < MAX_ENTRIES) this.declareds.set(key, frozen);
    return frozen;
  }
}

/** One shared empty list for the many teachers with no bad value. */
export const NO_BAD_VALUES: TeacherYear['badValues'] = Object.freeze([]) as unknown as TeacherYear['badValues'];
