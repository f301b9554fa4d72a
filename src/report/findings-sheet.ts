import { message, term } from '../i18n/index.js';
import type { SourceRef } from '../model/types.js';
import { CHECKS } from '../checks/index.js';
import type { ReportContext } from './report-context.js';
import type { Parts } from './sheet-parts.js';
import { cell, FILL, type ReportSheet } from './sheets.js';

/** Where 问题清单 links a finding: its teacher's row, its teacher's cycle row, or its school's row. */
export interface FindingTargets {
  /** The data row (from 0) on 教师 (教师年度) of the teacher read at `ref`. */
  teacher(ref: SourceRef): number | undefined;
  teacherParts: Parts;
  /** The data row (from 0) on the cycle's 教师 of a teacher (id, name). */
  cycleTeacher?(id: string, name: string): number | undefined;
  cycleParts?: Parts | null;
  /** The row on 学校 of a school in a period. */
  school(name: string, period: string | number | null): number | undefined;
}

export function findingsSheet(ctx: ReportContext, targets: FindingTargets): ReportSheet {
  const { result, L, R, U, names } = ctx;
  return {
    name: names.findings,
    // For review (issue 20): the link first, the check by its title, the file by its name; the
    // check's id last, narrow, for looking it up in docs/checks.md.
    widths: [14, 6, 8, 22, 26, 8, 10, 21, 70, 26, 30, 12, 8, 10],
    header: true,
    rowCount: result.findings.length + 1,
    *rows() {
      yield [R('link'), R('seq'), U('severity'), U('check'), U('school'), U('year'), R('name'), R('id'), U('message'), U('clause'), R('file'), R('sheet'), U('cell'), R('checkId')].map((h) => cell(h));
      let seq = 0;
      for (const f of result.findings) {
        const isTeacher = Boolean(f.teacherName || f.teacherId);
        const cycleTarget = isTeacher && f.period ? targets.cycleTeacher?.(f.teacherId, f.teacherName) : undefined;
        const teacherTarget = isTeacher && !f.period && f.ref ? targets.teacher(f.ref) : undefined;
        const schoolTarget = !isTeacher ? targets.school(f.school, f.period ?? f.year) : undefined;
        const target =
          cycleTarget !== undefined
            ? targets.cycleParts!.at(cycleTarget)
            : teacherTarget !== undefined
              ? targets.teacherParts.at(teacherTarget)
              : schoolTarget
                ? { sheet: names.schools, row: schoolTarget }
                : null;
        // A school's finding is about its row on 学校 (the link), not a cell of its file.
        const place = schoolTarget ? null : f.ref;
        yield [
          target ? cell(`${target.sheet}!A${target.row}`, { link: `'${target.sheet}'!A${target.row}` }) : cell(null),
          cell(++seq),
          cell(term(L, f.severity), { fill: FILL[f.severity] }),
          cell(CHECKS[f.check]?.meta.title[L] ?? f.check),
          cell(f.school),
          cell(ctx.yearOf(f.year)),
          cell(f.teacherName),
          cell(ctx.id(f.teacherId)),
          cell(message(L, f.messageId, f.data)),
          cell(f.clause),
          cell(f.ref ? (f.ref.file.split(/[\\/]/).pop() ?? f.ref.file) : ''),
          cell(place?.sheet ?? ''),
          cell(place?.cell ?? ''),
          cell(f.check),
        ];
      }
    },
  };
}
