import { findingBase } from '../checks/support/finding-base.js';
import type { TeacherCheck } from '../checks/types.js';
import { teacherFinding } from '../model/finding.js';
import type { Finding, Severity, Shortfall, TeacherResult, TeacherYear } from '../model/types.js';
import { applyPeriodRules } from '../periods/period-rules.js';
import type { LoadedRules } from '../rules/rules.js';

const NO_SHORTFALLS: Shortfall[] = Object.freeze([]) as unknown as Shortfall[];
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
  makesIncomplete: boolean;
}

const teacherStepsOf = new WeakMap<LoadedRules, TeacherStep[]>();

/** The rule set's teacher checks, in its order, looked up once per rule set rather than once per teacher. */
export function teacherSteps(rules: LoadedRules): TeacherStep[] {
  let steps = teacherStepsOf.get(rules);
  if (!steps) {
    steps = rules.checks
      .filter((a) => a.check.meta.scope === 'teacher')
      .map((a) => {
        const impl = a.check as TeacherCheck;
        return { impl, options: a.options, id: impl.meta.id, severity: a.severity, clause: a.clause, makesIncomplete: impl.meta.makesIncomplete };
      });
    teacherStepsOf.set(rules, steps);
  }
  return steps;
}

/** auditTeacher, adding the findings to a list: no list, no object per teacher (a million of them). */
export function auditTeacherInto(t: TeacherYear, steps: TeacherStep[], findings: Finding[]): TeacherResult {
  const first = findings.length;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    if (step.makesIncomplete && t.exempt) continue;
    const drafts = step.impl.check(t, step.options);
    for (let j = 0; j < drafts.length; j++) {
      const d = drafts[j]!;
      findings.push(
        teacherFinding(t, findingBase(step, d, d.ref ?? t.ref)),
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

export interface AuditedTeachers {
  results: TeacherResult[];
  findings: Finding[];
}

