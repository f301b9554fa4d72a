import { auditTargets } from './targets.js';
import { readFileSync } from 'node:fs';
import { sharingAnId } from '../checks/support/rows.js';
import { type CycleCheck, type IndicatorKey, type SchoolTally, type TeacherCheck, type SchoolCheck } from '../checks/types.js';
import { checkOf, type ActiveCheck } from '../rules/rules.js';
import type {
  Amount,
  AuditResult,
  CycleAudit,
  CycleFigure,
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
import { buildCycles, cycleHolding, cycleWindow, type TeacherCycle } from '../periods/cycle.js';
import { countOnce, setAsideInputs, type InputRead } from './dedupe.js';
import { loadInputs } from '../load/load-many.js';
import type { XlsxReader } from '../read/open.js';
import { roundNoise } from '../model/amounts.js';
import type { LoadedRules } from '../rules/rules.js';
import { findingAbout, type FindingBase } from '../model/finding.js';
import { findingBase } from '../checks/support/finding-base.js';
import { auditTeacherInto, teacherSteps } from '../load/teacher-audit.js';

export interface AuditOptions {
  files: string[];
  rules: LoadedRules;
  yearOption: number | null;
  /** Force a shape instead of detecting it. */
  shape?: string;
  /** `--columns`: canonical column name → the header as the inputs write it (per-record lists). */
  columns?: Readonly<Record<string, string>>;
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

/** A school check that counts teachers (SchoolCheck.counts), with its options, as tallySchools takes them. */
export interface SchoolCounter {
  id: string;
  counts(teacher: TeacherYear, options: unknown): boolean;
  options: unknown;
}

/** The rule set's school checks that count teachers: usually none. */
export function schoolCounters(rules: LoadedRules): SchoolCounter[] {
  const out: SchoolCounter[] = [];
  for (const a of rules.checks) {
    if (a.check.meta.scope !== 'school') continue;
    const counts = (a.check as SchoolCheck).counts;
    if (counts) out.push({ id: a.check.meta.id, counts: counts.bind(a.check), options: a.options });
  }
  return out;
}

export function tallySchools(teachers: TeacherResult[], counters: readonly SchoolCounter[] = []): SchoolTally[] {
  // Without counters (every rule set but a few), nothing per teacher beyond the counts (issue 5).
  const counting = counters.length > 0;
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
      if (counting) s.counted = Object.fromEntries(counters.map((c) => [c.id, 0]));
      bySchool.set(key, s);
    }
    last = s;
    if (status === 'exempt') s.exempt++;
    else {
      s.teachers++;
      if (status === 'incomplete') s.incomplete++;
      if (counting) for (const c of counters) if (c.counts(t, c.options)) s.counted![c.id]!++;
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
        findings.push(findingAbout(findingBase(checkOf(active), d, d.ref ?? s.ref), s.name, '', '', s.year, period));
      }
    }
    schools.push({
      name: s.name,
      year: s.year,
      teachers: s.teachers,
      incomplete: s.incomplete,
      exempt: s.exempt,
      share: s.teachers ? roundNoise(s.incomplete / s.teachers) : 0,
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

/** Each distinct text's place in `compare`'s order, ranked once so sorting compares numbers (docs/performance.md). */
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

/** Most cycle teachers are asked nothing a report shows, or the same: one frozen empty object. */
const NO_REQUIREMENTS: CycleResultEntry['required'] = Object.freeze({});

export async function audit(opts: AuditOptions): Promise<AuditResult> {
  const inputs: InputSummary[] = [];
  const teachers: TeacherResult[] = [];
  let findings: Finding[] = [];
  let i = 0;
  const loadOptions = { yearOption: opts.yearOption, shape: opts.shape, columns: opts.columns, yearStart: opts.rules.def.yearStart, reader: opts.reader };
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
  const { schools, findings: schoolFindings } = auditSchools(tallySchools(counted, schoolCounters(opts.rules)), opts.rules);
  // Not push(...): a cycle's findings run to hundreds of thousands (four missing years for each of
  // 100 000 teachers overflowed the stack), more arguments than a call takes.
  for (const f of schoolFindings) findings.push(f);
  const cycle = auditCycle(counted, inputs, opts);
  const targets = auditTargets(counted, opts.rules.def);
  if (cycle) for (const f of cycle.findings) findings.push(f);
  findings = sortFindings(findings);
  const statuses: Record<string, number> = { complete: 0, incomplete: 0, exempt: 0, 'set-aside': 0 };
  for (const t of teachers) statuses[t.status]!++;
  let inputRowsSetAside = 0;
  for (const input of inputs) for (const part of input.setAside ?? []) inputRowsSetAside += part.teachers;
  const count = (s: string) => statuses[s]!;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  // A school counts once however many years (and the cycle) it appears in; flagged in any of them or over the cycle (issue 20).
  const cycleSchools = cycle?.audit.schools ?? [];
  const distinctSchools = new Set([...schools, ...cycleSchools].map((s) => s.name));
  const distinctFlagged = new Set([...schools, ...cycleSchools].filter((s) => s.flagged).map((s) => s.name));
  return {
    tool: { name: 'credit-audit', version: TOOL_VERSION },
    rules: {
      id: opts.rules.def.id,
      name: opts.rules.def.name,
      source: opts.rules.def.source,
      file: opts.rules.file,
      ...(opts.rules.def.yearStart.month !== 1 || opts.rules.def.yearStart.day !== 1 ? { yearStart: opts.rules.def.yearStart } : {}),
    },
    generatedAt: (opts.now ?? new Date()).toISOString(),
    inputs,
    teachers,
    schools,
    findings,
    ...(cycle ? { cycle: cycle.audit } : {}),
    ...(targets ? { targets } : {}),
    summary: {
      teachers: counted.length,
      complete: count('complete'),
      incomplete: count('incomplete'),
      exempt: count('exempt'),
      setAside: count('set-aside') + inputRowsSetAside,
      schools: schools.length,
      schoolsFlagged: schools.filter((s) => s.flagged).length,
      ...(cycle ? { cycleSchoolsFlagged: cycleSchools.filter((s) => s.flagged).length } : {}),
      distinctSchools: distinctSchools.size,
      distinctSchoolsFlagged: distinctFlagged.size,
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
  const window = cycleWindow(chosen.start, chosen.end, asOf, { everyYear: policy.everyYear, dropFailedYears: policy.dropFailedYears, prorate: policy.prorate, ...('joiners' in policy && policy.joiners ? { joiners: { yearServed: policy.joiners.yearServed } } : {}) }, yearsFound);
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
  const cycleChecks = opts.rules.checks.filter((a) => a.check.meta.scope === 'cycle') as Array<ActiveCheck & { check: CycleCheck }>;
  const requiring = cycleChecks.filter((a) => a.check.requires);
  const figuring = cycleChecks.filter((a) => a.check.figures);
  for (const c of cycles) {
    const mine: Finding[] = [];
    let behind = false;
    for (const active of opts.rules.checks) {
      if (active.check.meta.scope !== 'cycle') continue;
      if (active.check.meta.makesIncomplete && c.exempt) continue;
      for (const d of (active.check as CycleCheck).check(c, active.options, window)) {
        if (d.pace) behind = true;
        mine.push(
          cycleFinding(c, period, findingBase(checkOf(active), d, d.ref ?? c.ref, d.pace ? paceSeverity : undefined)),
        );
      }
    }
    const shortfalls = mine.flatMap((f) => (f.shortfall ? [f.shortfall] : []));
    const status = c.exempt ? 'exempt' : shortfalls.length ? 'incomplete' : behind ? 'behind' : window.ended ? 'complete' : 'in-progress';
    let required: CycleResultEntry['required'] = NO_REQUIREMENTS;
    for (const a of requiring) required = { ...required, ...a.check.requires!(c, a.options, window) };
    const entry: CycleResultEntry = { cycle: c, status, shortfalls, required };
    if (figuring.length) {
      const figures: CycleFigure[] = [];
      for (const a of figuring) if (!(a.check.meta.makesIncomplete && c.exempt)) for (const f of a.check.figures!(c, a.options, window)) figures.push(f);
      entry.figures = figures;
    }
    results.push(entry);
    for (const f of mine) findings.push(f);
  }
  // Schools of the cycle: each teacher counts at the school of their latest year.
  const tallies = new Map<string, SchoolTally & { behind: number; members: CycleResultEntry[] }>();
  for (const r of results) {
    let s = tallies.get(r.cycle.school);
    if (!s) {
      s = { name: r.cycle.school, year: null, period, teachers: 0, incomplete: 0, exempt: 0, ref: { ...r.cycle.ref, row: 1, cell: 'A1' }, behind: 0, members: [] };
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
  // Indicators the rule set's checks define (集中培训完成率: cycle-single-record-minimum), over each school's audited teachers they judge.
  const defining = cycleChecks.filter((a) => a.check.indicator);
  for (const school of schools) {
    const t = tallies.get(school.name)!;
    school.behind = t.behind;
    const chosenRecords = t.members.flatMap((m) => m.cycle.records.filter((r) => r.selfSelected !== null));
    const chosenCredits = chosenRecords.reduce((n, r) => n + r.credits, 0);
    const defined: Partial<Record<IndicatorKey, number | null>> = {};
    for (const a of defining) {
      let judged = 0;
      let counted = 0;
      for (const m of t.members) {
        const v = a.check.indicator!.counts(m.cycle, a.options);
        if (v === null) continue;
        judged++;
        if (v) counted++;
      }
      defined[a.check.indicator!.key] = judged ? roundNoise(counted / judged) : null;
    }
    school.indicators = {
      overall: t.teachers ? roundNoise((t.teachers - t.incomplete - t.behind) / t.teachers) : 0,
      concentrated: defined.concentrated ?? null,
      selfSelected: chosenRecords.length && chosenCredits > 0 ? roundNoise(chosenRecords.filter((r) => r.selfSelected).reduce((n, r) => n + r.credits, 0) / chosenCredits) : null,
    };
  }
  for (const f of schoolFindings) findings.push(f);
  const covered = new Set(inWindow);
  const yearsWithoutInput: number[] = [];
  for (let y = window.start; y <= Math.min(window.asOf, window.end); y++) if (!covered.has(y)) yearsWithoutInput.push(y);
  return { audit: { window, yearsFound: inWindow, yearsWithoutInput, teachers: results, schools }, findings };
}
