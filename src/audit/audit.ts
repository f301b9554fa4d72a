import { readFileSync } from 'node:fs';
import { sharingAnId, type CycleCheck, type SchoolTally, type TeacherCheck, type SchoolCheck } from '../checks/types.js';
import type {
  Amount,
  AuditResult,
  CycleAudit,
  CycleResultEntry,
  Finding,
  InputSummary,
  SchoolResult,
  Mode,
  Severity,
  Shortfall,
  TeacherResult,
  TeacherYear,
} from '../model/types.js';
import { MEASURES, MODES, SEVERITIES } from '../model/types.js';
import { auditBatch } from './batch.js';
import { buildCycles, cycleHolding, cycleWindow, type TeacherCycle } from './cycle.js';
import { countOnce, setAsideInputs, type InputRead } from './dedupe.js';
import { loadInputs } from './load-many.js';
import type { XlsxReader } from '../read/open.js';
import { anyNegative, tidy } from './numbers.js';
import { longestTraining } from '../checks/cycle-single-record-minimum.js';
import type { LoadedRules } from './rules.js';
import { matchPhrase } from '../periods/phrases.js';

export interface AuditOptions {
  files: string[];
  rules: LoadedRules;
  yearOption: number | null;
  /** Force a shape instead of detecting it. */
  shape?: string;
  /** `--cycle START-END`; otherwise the rule set's cycle holding the latest year, when one is audited. */
  cycle?: { start: number; end: number } | 'default' | null;
  /** The audit year (`--as-of`); default: the latest year found in the inputs. */
  asOf?: number | null;
  /** The xlsx reader (tests compare the streaming one with the exceljs reference). */
  reader?: XlsxReader;
  /** How many files to read at once (worker threads); 1 reads them one by one here. */
  jobs?: number;
  now?: Date;
  onInput?: (file: string, index: number, total: number) => void;
}

export const TOOL_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
})();

/** Caps and exemptions come first: every check sees the amounts that count (DESIGN.md, periods). */
export function applyPeriodRules(t: TeacherYear, rules: LoadedRules): void {
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
        const after = tidy((own[other] * cap.max) / before);
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
const NO_SHORTFALLS: Shortfall[] = Object.freeze([]) as unknown as Shortfall[];

/**
 * Every finding is built here, with the same keys in the same order, so V8 gives them one hidden
 * class. Built by spreading, each of a province's 250 000 findings had its own hidden class and
 * descriptor array, ~300 bytes more apiece (issue 5, heap snapshot). Absent keys hold undefined,
 * which JSON and the reporters treat as absent.
 */
export function makeFinding(f: Finding): Finding {
  return {
    check: f.check,
    severity: f.severity,
    messageId: f.messageId,
    data: f.data,
    clause: f.clause,
    school: f.school,
    teacherId: f.teacherId,
    teacherName: f.teacherName,
    year: f.year,
    ref: f.ref,
    period: f.period,
    shortfall: f.shortfall,
  };
}

type FindingBase = Omit<Finding, 'school' | 'teacherId' | 'teacherName' | 'year' | 'period'>;

/**
 * A finding of `base` about one teacher, built whole with one hidden class: not a spread into
 * makeFinding, which built each twice (a quarter of a million findings a year, a finding or two
 * per teacher in a cycle; issue 5, profiled).
 */
function findingAbout(base: FindingBase, school: string, teacherId: string, teacherName: string, year: number | null, period: string | undefined): Finding {
  return {
    check: base.check,
    severity: base.severity,
    messageId: base.messageId,
    data: base.data,
    clause: base.clause,
    school,
    teacherId,
    teacherName,
    year,
    ref: base.ref,
    period,
    shortfall: base.shortfall,
  };
}

export function teacherFinding(t: TeacherYear, base: FindingBase): Finding {
  return findingAbout(base, t.school, t.id, t.name, t.year, undefined);
}

export function auditTeacher(t: TeacherYear, rules: LoadedRules): { result: TeacherResult; findings: Finding[] } {
  const findings: Finding[] = [];
  return { result: auditTeacherInto(t, teacherSteps(rules), findings), findings };
}

/** A teacher check of a rule set, with what each of its findings carries. */
interface TeacherStep {
  impl: TeacherCheck;
  options: unknown;
  id: string;
  severity: Severity;
  clause: string;
  /** A missed minimum: exempt teachers skip it. */
  minimum: boolean;
}

const teacherStepsOf = new WeakMap<LoadedRules, TeacherStep[]>();

/** The rule set's teacher checks, in its order, looked up once per rule set rather than once per teacher. */
function teacherSteps(rules: LoadedRules): TeacherStep[] {
  let steps = teacherStepsOf.get(rules);
  if (!steps) {
    steps = rules.checks
      .filter((a) => a.check.meta.scope === 'teacher')
      .map((a) => {
        const impl = a.check as TeacherCheck;
        return { impl, options: a.options, id: impl.meta.id, severity: a.severity, clause: a.clause, minimum: impl.meta.minimum };
      });
    teacherStepsOf.set(rules, steps);
  }
  return steps;
}

/** auditTeacher, adding the findings to a list: no list, no object per teacher (a million of them). */
function auditTeacherInto(t: TeacherYear, steps: TeacherStep[], findings: Finding[]): TeacherResult {
  const first = findings.length;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    if (step.minimum && t.exempt) continue;
    const drafts = step.impl.check(t, step.options);
    for (let j = 0; j < drafts.length; j++) {
      const d = drafts[j]!;
      findings.push(
        teacherFinding(t, {
          check: step.id,
          severity: d.severity ?? step.severity,
          messageId: d.messageId,
          data: d.data,
          clause: step.clause,
          ref: d.ref ?? t.ref,
          shortfall: d.shortfall,
        }),
      );
    }
  }
  let shortfalls = NO_SHORTFALLS;
  for (let i = first; i < findings.length; i++) {
    const s = findings[i]!.shortfall;
    if (s) (shortfalls === NO_SHORTFALLS ? (shortfalls = []) : shortfalls).push(s);
  }
  const status = t.exempt ? 'exempt' : shortfalls.length ? 'incomplete' : 'complete';
  // Most teachers have none: one shared empty list instead of a million (memory, issue 5).
  return { teacher: t, status, shortfalls };
}

/** The teacher checks over one input's teachers: what a worker of a batch does after reading. */
export function auditTeachers(teachers: TeacherYear[], rules: LoadedRules): AuditedTeachers {
  const results: TeacherResult[] = [];
  const findings: Finding[] = [];
  const steps = teacherSteps(rules);
  for (const t of teachers) {
    applyPeriodRules(t, rules);
    results.push(auditTeacherInto(t, steps, findings));
  }
  return { results, findings };
}

/**
 * An exemption of a first year of service (rule `firstYearOnly`: 普洱 第十条 "任职第一年") holds
 * only in the teacher's first year in the inputs. A later year marked so is audited like any
 * other, its teacher-year keeps what was claimed (`exemptDenied`, reported by its own check), and
 * the teacher checks run again for it. Needs every input, so it runs once all are read.
 */
export function settleFirstYears(teachers: TeacherResult[], findings: Finding[], rules: LoadedRules, sharing?: TeacherYear[]): Finding[] {
  if (!rules.def.exemptions.some((e) => e.firstYearOnly)) return findings;
  const repeated = new Set(sharing ?? sharingAnId(teachers.map((r) => r.teacher)));
  if (repeated.size === 0) return findings;
  const firstYear = new Map<string, number>();
  for (const t of repeated) firstYear.set(t.id, Math.min(firstYear.get(t.id) ?? Infinity, t.year));
  // Teacher-years of one 身份证号, year and file are audited again together: their findings cannot be told apart.
  const redo = new Set<string>();
  const key = (id: string, year: number | null, file: string | undefined) => `${id}\u0000${year}\u0000${file}`;
  for (const t of repeated) {
    const first = firstYear.get(t.id)!;
    if (t.exempt?.startsService && t.year > first) {
      t.exemptDenied = { ...t.exempt, firstYear: first };
      t.exempt = null;
      redo.add(key(t.id, t.year, t.ref.file));
    }
  }
  if (redo.size === 0) return findings;
  const kept = findings.filter((f) => f.period !== undefined || !redo.has(key(f.teacherId, f.year, f.ref?.file)));
  const steps = teacherSteps(rules);
  for (let i = 0; i < teachers.length; i++) {
    const t = teachers[i]!.teacher;
    if (redo.has(key(t.id, t.year, t.ref.file))) teachers[i] = auditTeacherInto(t, steps, kept);
  }
  return kept;
}

export interface AuditedTeachers {
  results: TeacherResult[];
  findings: Finding[];
}

export function tallySchools(teachers: TeacherResult[]): SchoolTally[] {
  const bySchool = new Map<string, SchoolTally>();
  // A school's teachers come one after another: its tally is looked up once per run of them, not
  // once per teacher (a million key strings otherwise; issue 5).
  let last: SchoolTally | undefined;
  for (const { teacher: t, status } of teachers) {
    let s = last && last.name === t.school && last.year === t.year ? last : undefined;
    const key = s ? '' : `${t.school}\u0000${t.year}`;
    s ??= bySchool.get(key);
    if (!s) {
      s = { name: t.school, year: t.year, teachers: 0, incomplete: 0, exempt: 0, ref: { ...t.ref, row: 1, cell: 'A1' } };
      bySchool.set(key, s);
    }
    last = s;
    if (status === 'exempt') s.exempt++;
    else {
      s.teachers++;
      if (status === 'incomplete') s.incomplete++;
    }
  }
  return [...bySchool.values()];
}

export function auditSchools(tallies: SchoolTally[], rules: LoadedRules, period?: string): { schools: SchoolResult[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const schools: SchoolResult[] = [];
  for (const s of tallies) {
    let flagged = false;
    for (const active of rules.checks) {
      if (active.check.meta.scope !== 'school') continue;
      for (const d of (active.check as SchoolCheck).check(s, active.options)) {
        if (active.check.meta.flagsSchool) flagged = true;
        findings.push(
          makeFinding({
            check: active.check.meta.id,
            severity: d.severity ?? active.severity,
            messageId: d.messageId,
            data: d.data,
            clause: active.clause,
            school: s.name,
            teacherId: '',
            teacherName: '',
            year: s.year,
            ref: d.ref ?? s.ref,
            period,
          }),
        );
      }
    }
    schools.push({
      name: s.name,
      year: s.year,
      teachers: s.teachers,
      incomplete: s.incomplete,
      exempt: s.exempt,
      share: s.teachers ? tidy(s.incomplete / s.teachers) : 0,
      flagged,
    });
  }
  // The latest year first; within a year worst first: the share, the count, then the name.
  schools.sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || b.share - a.share || b.incomplete - a.incomplete || zhOrder(a.name, b.name));
  return { schools, findings };
}

// localeCompare with a locale builds its collator at each call; one collator orders the same,
// ten times faster (a province's findings are sorted in seconds otherwise, issue 5).
const zhOrder = new Intl.Collator('zh').compare;
const defaultOrder = new Intl.Collator().compare;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Each distinct text's place in `compare`'s order; texts the collator holds equal share a place.
 * A few schools and files order a province's findings: ranked once, a comparison of two findings
 * is one of numbers, not the collator's. Measured on 256 000 findings (the million-row return's):
 * 167–190 ms against 232–310 ms; on 1 640 000, 1.20–1.27 s against 1.64–1.82 s (issue 5).
 */
function ranks(texts: Iterable<string>, compare: (a: string, b: string) => number): Map<string, number> {
  const distinct = [...new Set(texts)].sort(compare);
  const rank = new Map<string, number>();
  let r = 0;
  for (let i = 0; i < distinct.length; i++) {
    if (i > 0 && compare(distinct[i - 1]!, distinct[i]!) !== 0) r++;
    rank.set(distinct[i]!, r);
  }
  return rank;
}

/** Errors first, then by school (Chinese order), file, row and check; stable (Array.prototype.sort). */
export function sortFindings(findings: Finding[]): Finding[] {
  const school = ranks(
    findings.map((f) => f.school),
    zhOrder,
  );
  const file = ranks(
    findings.map((f) => f.ref?.file ?? ''),
    defaultOrder,
  );
  // Each finding's place in the order as numbers, made once: a comparison reads them.
  const n = findings.length;
  const key = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const f = findings[i]!;
    key[i * 3] = SEVERITY_ORDER[f.severity] * 2 ** 32 + school.get(f.school)!;
    key[i * 3 + 1] = file.get(f.ref?.file ?? '')!;
    key[i * 3 + 2] = f.ref?.row ?? 0;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      key[a * 3]! - key[b * 3]! ||
      key[a * 3 + 1]! - key[b * 3 + 1]! ||
      key[a * 3 + 2]! - key[b * 3 + 2]! ||
      defaultOrder(findings[a]!.check, findings[b]!.check),
  );
  return order.map((i) => findings[i]!);
}

export async function audit(opts: AuditOptions): Promise<AuditResult> {
  const inputs: InputSummary[] = [];
  const teachers: TeacherResult[] = [];
  let findings: Finding[] = [];
  let i = 0;
  const loadOptions = { yearOption: opts.yearOption, shape: opts.shape, yearStart: opts.rules.def.yearStart, reader: opts.reader };
  // Each input's teachers are audited where it was read: in a worker of a batch, or here.
  const read: InputRead[] = [];
  for await (const loaded of loadInputs(opts.files, loadOptions, opts.jobs, opts.rules)) {
    opts.onInput?.(opts.files[i]!, i++, opts.files.length);
    read.push({ summary: loaded.summary, audited: loaded.audited });
  }
  // Duplicates are counted once (./dedupe.ts): an input sent twice, a resent copy, a repeated row.
  setAsideInputs(read);
  for (const loaded of read) {
    inputs.push(loaded.summary);
    for (const r of loaded.audited.results) teachers.push(r);
    for (const f of loaded.audited.findings) findings.push(f);
  }
  // The rows whose 身份证号 repeats, found once for the first-year rule, counting once and the batch checks.
  const repeated = sharingAnId(teachers.map((r) => r.teacher));
  findings = settleFirstYears(teachers, findings, opts.rules, repeated);
  const { counted, sharing } = countOnce(teachers, repeated);
  for (const f of auditBatch(teachers, opts.rules, inputs, sharing)) findings.push(f);
  const { schools, findings: schoolFindings } = auditSchools(tallySchools(counted), opts.rules);
  // Not push(...): a cycle's findings run to hundreds of thousands (four missing years for each of
  // 100 000 teachers overflowed the stack), more arguments than a call takes.
  for (const f of schoolFindings) findings.push(f);
  const cycle = auditCycle(counted, inputs, opts);
  if (cycle) for (const f of cycle.findings) findings.push(f);
  findings = sortFindings(findings);
  const statuses: Record<string, number> = { complete: 0, incomplete: 0, exempt: 0, 'set-aside': 0 };
  for (const t of teachers) statuses[t.status]!++;
  let inputRowsSetAside = 0;
  for (const input of inputs) for (const part of input.setAside ?? []) inputRowsSetAside += part.teachers;
  const count = (s: string) => statuses[s]!;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  return {
    tool: { name: 'credit-audit', version: TOOL_VERSION },
    rules: { id: opts.rules.def.id, name: opts.rules.def.name, source: opts.rules.def.source, file: opts.rules.file },
    generatedAt: (opts.now ?? new Date()).toISOString(),
    inputs,
    teachers,
    schools,
    findings,
    ...(cycle ? { cycle: cycle.audit } : {}),
    summary: {
      teachers: counted.length,
      complete: count('complete'),
      incomplete: count('incomplete'),
      exempt: count('exempt'),
      setAside: count('set-aside') + inputRowsSetAside,
      schools: schools.length,
      schoolsFlagged: schools.filter((s) => s.flagged).length,
      findings: bySeverity,
      inputErrors: inputs.filter((i) => i.error).length,
    },
  };
}


/**
 * Whether a cycle is audited, and which: `--cycle START-END`; or `--cycle` alone, or a rule set that
 * always audits its cycle (platform exports), with the rule set's cycle holding the latest year.
 */
export function chooseCycle(opts: AuditOptions, yearsFound: number[]): { start: number; end: number } | null {
  if (opts.cycle && opts.cycle !== 'default') return opts.cycle;
  const def = opts.rules.def.cycle;
  if (yearsFound.length === 0) return null;
  const latest = Math.max(...yearsFound);
  if (!def) return opts.cycle === 'default' ? cycleHolding(latest, latest, 5) : null;
  if (opts.cycle !== 'default' && !def.always) return null;
  return cycleHolding(latest, def.anchor, def.years);
}

function cycleFinding(c: TeacherCycle, period: string, base: FindingBase): Finding {
  return findingAbout(base, c.school, c.id, c.name, null, period);
}

export function auditCycle(
  teachers: TeacherResult[],
  inputs: InputSummary[],
  opts: AuditOptions,
): { audit: CycleAudit; findings: Finding[] } | null {
  const yearsFound = [...new Set(inputs.flatMap((i) => i.years))].sort();
  const chosen = chooseCycle(opts, yearsFound);
  if (!chosen) return null;
  const asOf = opts.asOf ?? Math.max(...yearsFound);
  const policy = opts.rules.def.cycle ?? { everyYear: false, dropFailedYears: false, prorate: true };
  const window = cycleWindow(chosen.start, chosen.end, asOf, { everyYear: policy.everyYear, dropFailedYears: policy.dropFailedYears, prorate: policy.prorate }, yearsFound);
  const period = `${window.start}-${window.end}`;
  const inWindow = window.covered;
  const failed = new Set<TeacherYear>();
  for (const r of teachers) if (r.status === 'incomplete') failed.add(r.teacher);
  const cycles = buildCycles(
    teachers.map((t) => t.teacher),
    window,
    (t) => failed.has(t),
  );
  const paceSeverity = opts.rules.def.cycle?.paceSeverity ?? 'warning';
  const findings: Finding[] = [];
  const results: CycleResultEntry[] = [];
  for (const c of cycles) {
    const mine: Finding[] = [];
    let behind = false;
    for (const active of opts.rules.checks) {
      if (active.check.meta.scope !== 'cycle') continue;
      if (active.check.meta.minimum && c.exempt) continue;
      for (const d of (active.check as CycleCheck).check(c, active.options, window)) {
        if (d.pace) behind = true;
        mine.push(
          cycleFinding(c, period, {
            check: active.check.meta.id,
            severity: d.pace ? paceSeverity : (d.severity ?? active.severity),
            messageId: d.messageId,
            data: d.data,
            clause: active.clause,
            ref: d.ref ?? c.ref,
            shortfall: d.shortfall,
          }),
        );
      }
    }
    const shortfalls = mine.flatMap((f) => (f.shortfall ? [f.shortfall] : []));
    const status = c.exempt ? 'exempt' : shortfalls.length ? 'incomplete' : behind ? 'behind' : window.ended ? 'complete' : 'in-progress';
    results.push({ cycle: c, status, shortfalls });
    for (const f of mine) findings.push(f);
  }
  // Schools of the cycle: each teacher counts at the school of their latest year.
  const tallies = new Map<string, SchoolTally & { behind: number; members: CycleResultEntry[] }>();
  for (const r of results) {
    let s = tallies.get(r.cycle.school);
    if (!s) {
      s = { name: r.cycle.school, year: null, teachers: 0, incomplete: 0, exempt: 0, ref: { ...r.cycle.ref, row: 1, cell: 'A1' }, behind: 0, members: [] };
      tallies.set(r.cycle.school, s);
    }
    if (r.status === 'exempt') {
      s.exempt++;
      continue;
    }
    s.teachers++;
    s.members.push(r);
    if (r.status === 'incomplete') s.incomplete++;
    if (r.status === 'behind') s.behind++;
  }
  const { schools, findings: schoolFindings } = auditSchools([...tallies.values()], opts.rules, period);
  const longTraining = opts.rules.checks.find((c) => c.check.meta.id === 'cycle-single-record-minimum')?.options as
    | { mode: Mode; measure: 'hours' | 'credits'; minimum: number; groupBy: 'projectId' | 'none' }
    | undefined;
  for (const school of schools) {
    const t = tallies.get(school.name)!;
    school.behind = t.behind;
    const withRecords = t.members.filter((m) => m.cycle.hasRecords);
    const chosenRecords = t.members.flatMap((m) => m.cycle.records.filter((r) => r.selfSelected !== null));
    const chosenCredits = chosenRecords.reduce((n, r) => n + r.credits, 0);
    school.indicators = {
      overall: t.teachers ? tidy((t.teachers - t.incomplete - t.behind) / t.teachers) : 0,
      concentrated:
        longTraining && withRecords.length
          ? tidy(withRecords.filter((m) => longestTraining(m.cycle.records, longTraining.mode, longTraining.measure, longTraining.groupBy) >= longTraining.minimum).length / withRecords.length)
          : null,
      selfSelected: chosenRecords.length && chosenCredits > 0 ? tidy(chosenRecords.filter((r) => r.selfSelected).reduce((n, r) => n + r.credits, 0) / chosenCredits) : null,
    };
  }
  for (const f of schoolFindings) findings.push(f);
  const covered = new Set(inWindow);
  const yearsWithoutInput: number[] = [];
  for (let y = window.start; y <= Math.min(window.asOf, window.end); y++) if (!covered.has(y)) yearsWithoutInput.push(y);
  const minimums = (opts.rules.checks.find((c) => c.check.meta.id === 'cycle-total-minimum')?.options ?? {}) as CycleAudit['minimums'];
  return { audit: { window, yearsFound: inWindow, yearsWithoutInput, teachers: results, schools, minimums }, findings };
}
