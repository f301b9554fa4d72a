import { MODES, type Amount, type CyclePolicy, type CycleWindow, type CycleYear, type Measure, type Mode, type TeacherCycle, type TeacherYear, type TrainingRecord } from '../model/types.js';

export type { CyclePolicy, CycleWindow, CycleYear, TeacherCycle };
import { roundNoise } from '../model/amounts.js';



const NO_POLICY: CyclePolicy = { everyYear: false, dropFailedYears: false, prorate: true };



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

/** The latest 职称 given, and the roles of every year: only where the inputs carry them (most do not: no allocation then). */
function titleAndRoles(list: readonly TeacherYear[]): Pick<TeacherCycle, 'title' | 'roles'> {
  let title = '';
  let roles: Set<string> | undefined;
  for (const t of list) {
    if (t.title) title = t.title;
    if (t.roles) {
      roles ??= new Set();
      for (const r of t.roles) roles.add(r);
    }
  }
  if (!title && !roles) return {};
  return roles ? { title, roles: [...roles] } : { title };
}

/** 入职年度 and 职称评定年度 of the latest year that gives each; undefined where no year does. */
function givenYears(list: readonly TeacherYear[]): TeacherCycle['given'] {
  let given: TeacherCycle['given'];
  for (const t of list) {
    if (t.joined !== undefined) (given ??= {}).joined = t.joined;
    if (t.titled !== undefined) (given ??= {}).titled = t.titled;
  }
  return given;
}

/**
 * The window of a cycle audited as of `asOf`. `yearsFound`: the years the inputs hold (default:
 * every year to the audit year, as if all were covered).
 */
export function cycleWindow(start: number, end: number, asOf: number, policy: CyclePolicy = NO_POLICY, yearsFound?: readonly number[]): CycleWindow {
  const length = end - start + 1;
  const last = Math.min(asOf, end);
  const elapsed = Math.max(0, last - start + 1);
  const covered: number[] = [];
  for (let y = start; y <= last; y++) if (!yearsFound || yearsFound.includes(y)) covered.push(y);
  return { start, end, asOf, ended: end <= asOf, elapsed, length, covered, ...policy };
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
export function buildCycles(teachers: TeacherYear[], window: CycleWindow, failed: (t: TeacherYear) => boolean = () => false): TeacherCycle[] {
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
  const covered = window.covered;
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
          same.subject = t.subject || same.subject;
          same.exempt = Boolean(t.exempt);
          same.failed = !t.exempt && failed(t);
          same.ref = t.ref;
        }
      } else {
        years.push({ year: t.year, school: t.school, subject: t.subject, counted: t.counted, exempt: Boolean(t.exempt), failed: !t.exempt && failed(t), ref: t.ref });
      }
    }
    // An exempt first year of service inside the cycle is when the teacher joined (普洱 第十条
    // "任职第一年"): the years before it are not missing, and the minimums scale by the years after it.
    const firstExempt = years.length && years[0]!.exempt && list[0]!.exempt?.startsService ? years[0]!.year : null;
    const given = givenYears(list);
    // 上海虹口 二(二)2 "2016年以后进入教育系统的新教师，逐年递减": where the rule set reads it, the 入职年度
    // the input gives, inside the cycle after its first year, is when the teacher joined; with
    // `yearServed` that year is one of service (its 见习 credits count), so it is owed too.
    const fromColumn = window.joiners && given?.joined !== undefined && given.joined > window.start && given.joined <= window.end ? given.joined : null;
    const joined = fromColumn ?? (firstExempt !== null && firstExempt >= window.start ? firstExempt : null);
    const served = fromColumn !== null && window.joiners!.yearServed;
    const failedYears = window.everyYear ? years.filter((y) => y.failed).map((y) => y.year) : [];
    const toDate = zero();
    for (const y of years) {
      if (y.exempt || (window.dropFailedYears && y.failed)) continue;
      for (const m of MODES) {
        toDate[m].hours = roundNoise(toDate[m].hours + y.counted[m].hours);
        toDate[m].credits = roundNoise(toDate[m].credits + y.counted[m].credits);
      }
    }
    const moves: TeacherCycle['moves'] = [];
    for (let i = 1; i < years.length; i++) {
      if (years[i]!.school !== years[i - 1]!.school) moves.push({ year: years[i]!.year, from: years[i - 1]!.school, to: years[i]!.school });
    }
    const latest = list[list.length - 1]!;
    const hasRecords = list.some((t) => t.records !== undefined);
    const have = new Set(years.map((y) => y.year));
    const after = (y: number) => joined === null || y > joined || (served && y === joined);
    cycles.push({
      id: latest.id,
      name: latest.name,
      school: latest.school,
      ref: latest.ref,
      years,
      missingYears: covered.filter((y) => !have.has(y) && after(y)),
      failedYears,
      joined,
      liable: { years: joined === null ? window.length : window.end - joined + (served ? 1 : 0), covered: covered.filter(after).length },
      moves,
      toDate,
      records: hasRecords ? list.filter((t) => !t.exempt).flatMap((t) => (t.records ?? []).filter((r) => r.counted)) : NO_RECORDS,
      hasRecords,
      exempt: years.every((y) => y.exempt),
      ...titleAndRoles(list),
      ...(given ? { given } : {}),
    });
  }
  return cycles;
}

/**
 * What a teacher must reach of a cycle minimum: `full` at the cycle's end, `pace` by the audit
 * year. A joiner answers for the years after joining (cycle.prorate); pace runs over the years
 * the inputs cover (REGULATIONS.md hangzhou, "Pace"; issue 22).
 */
export function requiredOf(minimum: number, window: CycleWindow, liable: TeacherCycle['liable']): { full: number; pace: number } {
  const years = window.prorate ? liable.years : window.length;
  return { full: roundNoise((minimum * years) / window.length), pace: roundNoise((minimum * Math.min(liable.covered, years)) / window.length) };
}
