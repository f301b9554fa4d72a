import { MODES, type Amount, type Measure, type Mode, type SourceRef, type TeacherYear, type TrainingRecord } from '../model/types.js';
import type { FindingDraft } from '../checks/types.js';
import { tidy } from './numbers.js';

/** The cycle being audited and where the audit stands in it. */
export interface CycleWindow {
  start: number;
  end: number;
  /** The audit year: the latest year of the inputs unless --as-of says otherwise. */
  asOf: number;
  /** END ≤ the audit year: minimums missed now make a teacher incomplete. */
  ended: boolean;
  /** Years of the cycle up to the audit year (1 … length). */
  elapsed: number;
  length: number;
}

export interface CycleYear {
  year: number;
  school: string;
  counted: Record<Mode, Amount>;
  exempt: boolean;
  ref: SourceRef;
}

/** One teacher over the cycle, combined by 身份证号 across every input and school. */
export interface TeacherCycle {
  id: string;
  name: string;
  /** The school of the latest year. */
  school: string;
  ref: SourceRef;
  years: CycleYear[];
  /** Years of the cycle up to the audit year that the inputs cover but this teacher has no return for. */
  missingYears: number[];
  moves: Array<{ year: number; from: string; to: string }>;
  /** Cycle-to-date amounts (counted, exempt years left out). */
  toDate: Record<Mode, Amount>;
  /** Counted records of the cycle (per-record inputs only). */
  records: TrainingRecord[];
  /** Whether any of the teacher's inputs lists single records (platform exports do, forms do not). */
  hasRecords: boolean;
  exempt: boolean;
}

const zero = (): Record<Mode, Amount> => ({
  concentrated: { hours: 0, credits: 0 },
  online: { hours: 0, credits: 0 },
  school: { hours: 0, credits: 0 },
  other: { hours: 0, credits: 0 },
});

/** `2021-2025` → {start, end}; null when it is not two years in order. */
export function parseCycleArg(text: string): { start: number; end: number } | null {
  const m = /^\s*((?:19|20)\d{2})\s*[-–~至]\s*((?:19|20)\d{2})\s*$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return end >= start ? { start, end } : null;
}

/** The rule set's cycle (anchor + k × length) that holds `year`. */
export function cycleHolding(year: number, anchor: number, length: number): { start: number; end: number } {
  const k = Math.floor((year - anchor) / length);
  const start = anchor + k * length;
  return { start, end: start + length - 1 };
}

export function cycleWindow(start: number, end: number, asOf: number): CycleWindow {
  const length = end - start + 1;
  const elapsed = Math.max(0, Math.min(asOf, end) - start + 1);
  return { start, end, asOf, ended: end <= asOf, elapsed, length };
}

function hoursOf(a: Record<Mode, Amount>): number {
  let h = 0;
  for (const m of MODES) h += a[m].hours;
  return h;
}

/** A form's cycle lists no single records: one list for all of them. */
const NO_RECORDS: TrainingRecord[] = Object.freeze([]) as unknown as TrainingRecord[];

/**
 * Combine teacher-years into cycles by 身份证号 (细则 五(二): a teacher who moves keeps their
 * credits). A teacher with no 身份证号 is combined by name within one school only — never guessed
 * across schools.
 */
export function buildCycles(teachers: TeacherYear[], window: CycleWindow, yearsFound: number[]): TeacherCycle[] {
  // Keyed by the 身份证号 string the teacher holds, not a key made for each teacher-year (500 000 of
  // them in a province's cycle; issue 5); teachers without one by school and name, apart.
  const byId = new Map<string, TeacherYear[]>();
  const byName = new Map<string, TeacherYear[]>();
  // Each teacher's rows, in the order of the teacher's first row.
  const lists: TeacherYear[][] = [];
  for (const t of teachers) {
    if (t.year < window.start || t.year > window.end) continue;
    const map = t.id ? byId : byName;
    const key = t.id || `${t.school}\u0000${t.name}`;
    const list = map.get(key);
    if (list) list.push(t);
    else {
      const fresh = [t];
      map.set(key, fresh);
      lists.push(fresh);
    }
  }
  const covered = yearsFound.filter((y) => y >= window.start && y <= Math.min(window.asOf, window.end));
  const cycles: TeacherCycle[] = [];
  for (const list of lists) {
    list.sort((a, b) => a.year - b.year || a.ref.file.localeCompare(b.ref.file) || a.ref.row - b.ref.row);
    const years: CycleYear[] = [];
    for (const t of list) {
      const same = years.find((y) => y.year === t.year);
      if (same) {
        // Two rows of one year: a teacher's year counts once, the larger, never the sum (issue 18).
        // Rows with a 身份证号 are counted once before (src/audit/dedupe.ts); these are rows of one
        // name in one school without one, which differ.
        if (hoursOf(t.counted) > hoursOf(same.counted)) {
          same.counted = t.counted;
          same.school = t.school;
          same.exempt = Boolean(t.exempt);
          same.ref = t.ref;
        }
      } else {
        years.push({ year: t.year, school: t.school, counted: t.counted, exempt: Boolean(t.exempt), ref: t.ref });
      }
    }
    const toDate = zero();
    for (const y of years) {
      if (y.exempt) continue;
      for (const m of MODES) {
        toDate[m].hours = tidy(toDate[m].hours + y.counted[m].hours);
        toDate[m].credits = tidy(toDate[m].credits + y.counted[m].credits);
      }
    }
    const moves: TeacherCycle['moves'] = [];
    for (let i = 1; i < years.length; i++) {
      if (years[i]!.school !== years[i - 1]!.school) moves.push({ year: years[i]!.year, from: years[i - 1]!.school, to: years[i]!.school });
    }
    const latest = list[list.length - 1]!;
    const hasRecords = list.some((t) => t.records !== undefined);
    const have = new Set(years.map((y) => y.year));
    cycles.push({
      id: latest.id,
      name: latest.name,
      school: latest.school,
      ref: latest.ref,
      years,
      missingYears: covered.filter((y) => !have.has(y)),
      moves,
      toDate,
      records: hasRecords ? list.filter((t) => !t.exempt).flatMap((t) => (t.records ?? []).filter((r) => r.counted)) : NO_RECORDS,
      hasRecords,
      exempt: years.every((y) => y.exempt),
    });
  }
  return cycles;
}

/** Below the cycle minimum × years elapsed ÷ cycle length (REGULATIONS.md hangzhou, "Pace"). */
export function paceRequired(minimum: number, window: CycleWindow): number {
  return tidy((minimum * window.elapsed) / window.length);
}

/**
 * The one rule of every cycle minimum: at the cycle's end, below the minimum is a shortfall (the
 * teacher is incomplete); before it, below minimum × years elapsed ÷ length is "behind pace".
 */
export function cycleMinimum(
  measured: number,
  minimum: number,
  window: CycleWindow,
  what: { measure: Measure; scope: Mode | 'total' },
  ref: FindingDraft['ref'],
): FindingDraft[] {
  // Written out, not spread: a province's cycle makes hundreds of thousands of these (issue 5),
  // and spread objects were ~3 µs each. The keys keep the order the spreads gave them.
  const cycle = `${window.start}-${window.end}`;
  const { measure, scope } = what;
  if (window.ended) {
    if (measured >= minimum) return [];
    const missing = tidy(minimum - measured);
    const messageId = scope === 'total' ? 'cycleTotalBelow' : 'cycleModeBelow';
    const data = { measure, scope, cycle, measured, required: minimum, missing };
    const shortfall = { measure, scope, measured, required: minimum, missing };
    return [ref ? { messageId, data, ref, shortfall } : { messageId, data, shortfall }];
  }
  const required = paceRequired(minimum, window);
  if (measured >= required) return [];
  const data = { measure, scope, cycle, measured, required, minimum, elapsed: window.elapsed, length: window.length, missing: tidy(required - measured) };
  return [ref ? { messageId: 'cycleBehindPace', data, ref, pace: true } : { messageId: 'cycleBehindPace', data, pace: true }];
}
