import { sharingAnId } from '../checks/support/rows.js';
import { type BatchCheck } from '../checks/types.js';
import type { Finding, InputSummary, TeacherResult, TeacherYear } from '../model/types.js';
// audit.ts imports this module too; teacherFinding is only called at run time, so the cycle is safe.
import { makeFinding, teacherFinding } from '../model/finding.js';
import type { LoadedRules } from '../rules/rules.js';

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
        findings.push(
          makeFinding({
            check: active.check.meta.id,
            severity: d.severity ?? active.severity,
            messageId: d.messageId,
            data: d.data,
            clause: active.clause,
            school: d.school ?? '',
            teacherId: '',
            teacherName: '',
            year: d.year ?? null,
            ref: d.ref ?? null,
          }),
        );
        continue;
      }
      findings.push(
        teacherFinding(d.teacher, {
          check: active.check.meta.id,
          severity: d.severity ?? active.severity,
          messageId: d.messageId,
          data: d.data,
          clause: active.clause,
          ref: d.ref ?? d.teacher.ref,
        }),
      );
    }
  }
  return findings;
}
