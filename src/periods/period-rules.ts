import { MEASURES, MODES, type Amount, type Measure, type Mode, type TeacherYear, type TrainingRecord } from '../model/types.js';
import { anyNegative, roundNoise } from '../model/amounts.js';
import { matchPhrase } from './phrases.js';

/** What the periods stage takes from a rule set: its caps and exemptions (rule file `caps`, `exemptions`). */
export interface PeriodRules {
  caps: ReadonlyArray<{ mode: Mode; measure: Measure; max: number; scale: readonly Measure[]; clause: string }>;
  exemptions: ReadonlyArray<{
    reason: string;
    remarks: readonly string[];
    projects: readonly string[];
    exceptAfter: readonly string[];
    exceptBefore: readonly string[];
    firstYearOnly: boolean;
    clause: string;
  }>;
  /** Days → 学时 and 学时 → 学分 of per-record inputs (rule file `conversions`). */
  conversions?: {
    hoursPerDay?: number;
    hoursPerCredit?: number;
    byCategory: ReadonlyArray<{ category: string; hoursPerCredit?: number; creditsGiven: boolean }>;
  };
}

/**
 * A record's figures from those read, by the rule set's conversions: 学时 as read, else 天数 ×
 * hoursPerDay; 学分 as read, else 学时 ÷ hoursPerCredit (the category's own where it has one; none
 * where its credits must be given). Idempotent: it starts from `read` each time.
 */
export function convertRecord(r: TrainingRecord, conv: NonNullable<PeriodRules['conversions']>): void {
  const read = r.read;
  if (!read) return;
  // A negative 天数 is reported (value-impossible) and counts as 0, as a negative 学时 does.
  r.hours = read.hours ?? (read.days !== null && read.days > 0 && conv.hoursPerDay ? roundNoise(read.days * conv.hoursPerDay) : 0);
  const cat = r.category ? conv.byCategory.find((c) => c.category === r.category) : undefined;
  const perCredit = cat ? (cat.creditsGiven ? undefined : (cat.hoursPerCredit ?? conv.hoursPerCredit)) : conv.hoursPerCredit;
  r.credits = read.credits ?? (perCredit && r.hours ? roundNoise(r.hours / perCredit) : 0);
}

/** Caps and exemptions come first: every check sees the amounts that count (DESIGN.md, periods). */
export function applyPeriodRules(t: TeacherYear, rules: { def: PeriodRules }): void {
  t.exempt = null;
  for (const ex of rules.def.exemptions) {
    const phrase = matchPhrase(t.remarks, { phrases: ex.remarks, exceptAfter: ex.exceptAfter, exceptBefore: ex.exceptBefore });
    if (phrase) {
      t.exempt = ex.firstYearOnly ? { reason: ex.reason, clause: ex.clause, phrase, startsService: true } : { reason: ex.reason, clause: ex.clause, phrase };
      break;
    }
  }
  if (t.records) {
    // Records a rule excludes (a new teacher's probation training) are not counted, and each is
    // reported (teacher-exempt); a year made only of them is exempt (浙教师〔2016〕71号 第四条).
    let excluded = 0;
    for (const r of t.records) {
      r.counted = true;
      r.excludedBy = undefined;
      for (const ex of rules.def.exemptions) {
        const phrase = matchPhrase(r.project, { phrases: ex.projects, exceptAfter: ex.exceptAfter, exceptBefore: ex.exceptBefore });
        if (!phrase) continue;
        r.counted = false;
        r.excludedBy = { reason: ex.reason, clause: ex.clause, phrase };
        excluded++;
        if (excluded === t.records.length && !t.exempt) t.exempt = ex.firstYearOnly ? { reason: ex.reason, clause: ex.clause, phrase, startsService: true } : { reason: ex.reason, clause: ex.clause, phrase };
        break;
      }
    }
    const conv = rules.def.conversions;
    if (conv) for (const r of t.records) convertRecord(r, conv);
    t.counted = { concentrated: { hours: 0, credits: 0 }, online: { hours: 0, credits: 0 }, school: { hours: 0, credits: 0 }, other: { hours: 0, credits: 0 } };
    for (const r of t.records) {
      if (!r.counted) continue;
      t.counted[r.mode].hours += r.hours;
      t.counted[r.mode].credits += r.credits;
    }
  } else t.counted = t.raw;
  // Hours and credits are never negative (REGULATIONS.md, every rule set): a negative entry is
  // reported by value-impossible and counts as 0, so it cannot cancel another mode's hours.
  if (anyNegative(t.counted)) for (const m of MODES) for (const k of MEASURES) if (t.counted[m][k] < 0) ownCounted(t)[m][k] = 0;
  let capped = NO_CAPS;
  for (const cap of rules.def.caps) {
    const amount = t.counted[cap.mode];
    const before = amount[cap.measure];
    if (before > cap.max) {
      (capped === NO_CAPS ? (capped = []) : capped).push({ mode: cap.mode, measure: cap.measure, before, after: cap.max });
      const own = ownCounted(t)[cap.mode];
      own[cap.measure] = cap.max;
      // What the uncounted part earned is not counted either (普洱 附件3 三: credits of the 校本
      // hours above 48 scale down with them).
      for (const other of cap.scale) {
        if (other === cap.measure || own[other] <= 0) continue;
        const after = roundNoise((own[other] * cap.max) / before);
        capped.push({ mode: cap.mode, measure: other, before: own[other], after, scaledBy: cap.measure });
        own[other] = after;
      }
    }
  }
  t.capped = capped;
}

/**
 * The teacher's own copy of what counts, made when something changes it: most teachers count
 * what they declared, and raw may be shared by many teachers (src/model/intern.ts; memory, issue 5).
 */
function ownCounted(t: TeacherYear): Record<Mode, Amount> {
  if (t.counted === t.raw) t.counted = structuredClone(t.raw);
  return t.counted;
}


const NO_CAPS: NonNullable<TeacherYear['capped']> = Object.freeze([]) as unknown as NonNullable<TeacherYear['capped']>;
