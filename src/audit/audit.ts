import { readFileSync } from 'node:fs';
import type { SchoolTally, TeacherCheck, SchoolCheck } from '../checks/types.js';
import type {
  AuditResult,
  Finding,
  InputSummary,
  SchoolResult,
  Severity,
  TeacherResult,
  TeacherYear,
} from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import { auditBatch } from './batch.js';
import { loadInput } from './load.js';
import { tidy } from './numbers.js';
import type { LoadedRules } from './rules.js';

export interface AuditOptions {
  files: string[];
  rules: LoadedRules;
  yearOption: number | null;
  /** Force a shape instead of detecting it. */
  shape?: string;
  now?: Date;
  onInput?: (file: string, index: number, total: number) => void;
}

const TOOL_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
})();

/** Caps and exemptions come first: every check sees the amounts that count (DESIGN.md, periods). */
export function applyPeriodRules(t: TeacherYear, rules: LoadedRules): void {
  t.counted = structuredClone(t.raw);
  // Hours and credits are never negative (REGULATIONS.md, every rule set): a negative entry is
  // reported by value-impossible and counts as 0, so it cannot cancel another mode's hours.
  for (const m of Object.values(t.counted)) for (const k of ['hours', 'credits'] as const) if (m[k] < 0) m[k] = 0;
  for (const cap of rules.def.caps) {
    const amount = t.counted[cap.mode];
    if (amount[cap.measure] > cap.max) amount[cap.measure] = cap.max;
  }
  t.exempt = null;
  for (const ex of rules.def.exemptions) {
    if (ex.remarksContain.some((k) => t.remarks.includes(k))) {
      t.exempt = { reason: ex.reason, clause: ex.clause };
      break;
    }
  }
}

export function teacherFinding(t: TeacherYear, base: Omit<Finding, 'school' | 'teacherId' | 'teacherName' | 'year'>): Finding {
  return { ...base, school: t.school, teacherId: t.id, teacherName: t.name, year: t.year };
}

export function auditTeacher(t: TeacherYear, rules: LoadedRules): { result: TeacherResult; findings: Finding[] } {
  const findings: Finding[] = [];
  for (const active of rules.checks) {
    if (active.check.meta.scope !== 'teacher') continue;
    if (active.check.meta.minimum && t.exempt) continue;
    for (const d of (active.check as TeacherCheck).check(t, active.options)) {
      findings.push(
        teacherFinding(t, {
          check: active.check.meta.id,
          severity: d.severity ?? active.severity,
          messageId: d.messageId,
          data: d.data,
          clause: active.clause,
          ref: d.ref ?? t.ref,
          ...(d.shortfall ? { shortfall: d.shortfall } : {}),
        }),
      );
    }
  }
  const shortfalls = findings.flatMap((f) => (f.shortfall ? [f.shortfall] : []));
  const status = t.exempt ? 'exempt' : shortfalls.length ? 'incomplete' : 'complete';
  return { result: { teacher: t, status, shortfalls }, findings };
}

export function tallySchools(teachers: TeacherResult[]): SchoolTally[] {
  const bySchool = new Map<string, SchoolTally>();
  for (const { teacher: t, status } of teachers) {
    const key = `${t.school}\u0000${t.year}`;
    let s = bySchool.get(key);
    if (!s) {
      s = { name: t.school, year: t.year, teachers: 0, incomplete: 0, exempt: 0, ref: { ...t.ref, row: 1, cell: 'A1' } };
      bySchool.set(key, s);
    }
    if (status === 'exempt') s.exempt++;
    else {
      s.teachers++;
      if (status === 'incomplete') s.incomplete++;
    }
  }
  return [...bySchool.values()];
}

export function auditSchools(tallies: SchoolTally[], rules: LoadedRules): { schools: SchoolResult[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const schools: SchoolResult[] = [];
  const flagging = rules.checks.find((c) => c.check.meta.id === 'school-incomplete-share');
  for (const s of tallies) {
    let flagged = false;
    for (const active of rules.checks) {
      if (active.check.meta.scope !== 'school') continue;
      for (const d of (active.check as SchoolCheck).check(s, active.options)) {
        if (active === flagging) flagged = true;
        findings.push({
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
        });
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
  // Worst first: the share, then the count, then the name for a stable order.
  schools.sort((a, b) => b.share - a.share || b.incomplete - a.incomplete || a.name.localeCompare(b.name, 'zh'));
  return { schools, findings };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.school.localeCompare(b.school, 'zh') ||
      (a.ref?.file ?? '').localeCompare(b.ref?.file ?? '') ||
      (a.ref?.row ?? 0) - (b.ref?.row ?? 0) ||
      a.check.localeCompare(b.check),
  );
}

export async function audit(opts: AuditOptions): Promise<AuditResult> {
  const inputs: InputSummary[] = [];
  const teachers: TeacherResult[] = [];
  let findings: Finding[] = [];
  for (const [i, file] of opts.files.entries()) {
    opts.onInput?.(file, i, opts.files.length);
    const loaded = await loadInput(file, { yearOption: opts.yearOption, shape: opts.shape });
    inputs.push(loaded.summary);
    for (const t of loaded.teachers) {
      applyPeriodRules(t, opts.rules);
      const r = auditTeacher(t, opts.rules);
      teachers.push(r.result);
      findings.push(...r.findings);
    }
  }
  for (const f of auditBatch(teachers, opts.rules)) findings.push(f);
  const { schools, findings: schoolFindings } = auditSchools(tallySchools(teachers), opts.rules);
  findings = sortFindings([...findings, ...schoolFindings]);
  const count = (s: string) => teachers.filter((t) => t.status === s).length;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<
    Severity,
    number
  >;
  return {
    tool: { name: 'credit-audit', version: TOOL_VERSION },
    rules: { id: opts.rules.def.id, name: opts.rules.def.name, source: opts.rules.def.source, file: opts.rules.file },
    generatedAt: (opts.now ?? new Date()).toISOString(),
    inputs,
    teachers,
    schools,
    findings,
    summary: {
      teachers: teachers.length,
      complete: count('complete'),
      incomplete: count('incomplete'),
      exempt: count('exempt'),
      schools: schools.length,
      schoolsFlagged: schools.filter((s) => s.flagged).length,
      findings: bySeverity,
      inputErrors: inputs.filter((i) => i.error).length,
    },
  };
}

