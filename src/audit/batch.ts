import type { BatchCheck } from '../checks/types.js';
import type { Finding, TeacherResult } from '../model/types.js';
import type { LoadedRules } from './rules.js';

/**
 * Run the rule set's batch checks over every teacher-year of the run. They report data errors
 * (duplicates, conflicting names); none is a minimum, so no teacher's status changes.
 */
export function auditBatch(teachers: readonly TeacherResult[], rules: LoadedRules): Finding[] {
  const years = teachers.map((r) => r.teacher);
  const findings: Finding[] = [];
  for (const active of rules.checks) {
    if (active.check.meta.scope !== 'batch') continue;
    for (const d of (active.check as BatchCheck).check(years, active.options)) {
      const t = d.teacher;
      findings.push({
        check: active.check.meta.id,
        severity: d.severity ?? active.severity,
        messageId: d.messageId,
        data: d.data,
        clause: active.clause,
        school: t.school,
        teacherId: t.id,
        teacherName: t.name,
        year: t.year,
        ref: d.ref ?? t.ref,
      });
    }
  }
  return findings;
}
