import { sharingAnId } from '../checks/support/rows.js';
import { type BatchCheck } from '../checks/types.js';
import type { Finding, InputSummary, TeacherResult, TeacherYear } from '../model/types.js';
import { findingBase } from '../checks/support/finding-base.js';
import { findingAbout, teacherFinding } from '../model/finding.js';
import { checkOf, type LoadedRules } from '../rules/rules.js';

/**
 * Run the rule set's batch checks over every teacher-year of the run (set-aside rows too: they are
 * the duplicates reported) and the run's inputs. They report data errors (duplicates, conflicting
 * names, inputs sent twice); none is a minimum, so no teacher's status changes. `sharing`: the rows
 * that share a 身份证号, when the caller has found them already (src/audit/dedupe.ts).
 */
export function auditBatch(teachers: readonly TeacherResult[], rules: LoadedRules, inputs: readonly InputSummary[] = [], sharing?: TeacherYear[]): Finding[] {
  const years = teachers.map((r) => r.teacher);
  let shared: typeof years | undefined = sharing;
  const findings: Finding[] = [];
  for (const active of rules.checks) {
    if (active.check.meta.scope !== 'batch') continue;
    const input = active.check.meta.sameIdOnly ? (shared ??= sharingAnId(years)) : years;
    for (const d of (active.check as BatchCheck).check(input, active.options, inputs)) {
      if (!d.teacher) {
        // A finding about an input (a file sent twice, a resent copy): its school and year, no teacher.
        findings.push(findingAbout(findingBase(checkOf(active), d, d.ref ?? null), d.school ?? '', '', '', d.year ?? null, undefined));
        continue;
      }
      findings.push(
        teacherFinding(d.teacher, findingBase(checkOf(active), d, d.ref ?? d.teacher.ref)),
      );
    }
  }
  return findings;
}
