import { sharingAnId, type BatchCheck } from '../checks/types.js';
import type { Finding, TeacherResult } from '../model/types.js';
// audit.ts imports this module too; teacherFinding is only called at run time, so the cycle is safe.
import { teacherFinding } from './audit.js';
import type { LoadedRules } from './rules.js';

/**
 * Run the rule set's batch checks over every teacher-year of the run. They report data errors
 * (duplicates, conflicting names); none is a minimum, so no teacher's status changes.
 */
export function auditBatch(teachers: readonly TeacherResult[], rules: LoadedRules): Finding[] {
  const years = teachers.map((r) => r.teacher);
  let shared: typeof years | undefined;
  const findings: Finding[] = [];
  for (const active of rules.checks) {
    if (active.check.meta.scope !== 'batch') continue;
    const input = active.check.meta.sameIdOnly ? (shared ??= sharingAnId(years)) : years;
    for (const d of (active.check as BatchCheck).check(input, active.options)) {
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
