import { message, term } from '../i18n/index.js';
import type { Finding, Severity, SourceRef } from '../model/types.js';
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

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// One collator for every comparison: localeCompare builds one a call (engine/audit.ts).
const zhOrder = new Intl.Collator('zh', { numeric: true }).compare;

/** Each distinct text's place in `compare`'s order (equal texts share one), ranked once so the sort compares numbers. */
function ranks(texts: Iterable<string>): Map<string, number> {
  const distinct = [...new Set(texts)].sort(zhOrder);
  const rank = new Map<string, number>();
  let r = 0;
  for (let i = 0; i < distinct.length; i++) {
    if (i > 0 && zhOrder(distinct[i - 1]!, distinct[i]!) !== 0) r++;
    rank.set(distinct[i]!, r);
  }
  return rank;
}

/**
 * The order of 问题清单 (issue 20, item 3): errors, then warnings, then notes; within a severity
 * by school (Chinese order), then by where each was read: file, sheet, row, the school's own
 * finding of a file (it has no row) before its teachers' (in a cycle, each year's flag leads
 * that year's rows). Ties keep the result's order: the sort is stable. The sheet
 * says its own order rather than trusting the result's, which serves the console and JSON too.
 * Keys are numbers made once (texts ranked once each), and indices are sorted, the findings not
 * copied: 100 000 findings of 300 schools took 70–90 ms, 50 ms when the result's order was already
 * this one (TimSort on an array; a Uint32Array's sort took 90–140 ms).
 */
export function findingOrder(findings: readonly Finding[]): number[] {
  const n = findings.length;
  const school = ranks(findings.map((f) => f.school));
  const file = ranks(findings.map((f) => f.ref?.file ?? ''));
  const sheet = ranks(findings.map((f) => f.ref?.sheet ?? ''));
  // Three numbers a finding, each below 2^53: severity and school; file and teacher-or-school; sheet and row (≤ 2^20).
  const key = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const f = findings[i]!;
    const isTeacher = f.teacherName || f.teacherId ? 1 : 0;
    key[i * 3] = SEVERITY_RANK[f.severity] * 2 ** 32 + school.get(f.school)!;
    key[i * 3 + 1] = file.get(f.ref?.file ?? '')! * 2 + isTeacher;
    key[i * 3 + 2] = sheet.get(f.ref?.sheet ?? '')! * 2 ** 21 + (f.ref?.row ?? 0);
  }
  const order: number[] = Array.from({ length: n }, (_, i) => i);
  // The index breaks ties: stable whatever the sort.
  return order.sort((a, b) => key[a * 3]! - key[b * 3]! || key[a * 3 + 1]! - key[b * 3 + 1]! || key[a * 3 + 2]! - key[b * 3 + 2]! || a - b);
}

/**
 * 问题清单's columns, for review (issue 20): the link first, the check by its title, the file by
 * its name; the check's id last, narrow, for looking it up in docs/checks.md. 说明, 依据, the
 * check's title, the school and the file wrap (their rows are tall for 说明 anyway), so the sheet
 * is 221 widths and prints one page wide at 69 % (page-layout.ts). 学校 22 holds a name of ten
 * characters (景谷县永平镇中心小学) on one line, 级别 9 the word "Severity". At 271, with 说明 70
 * wide on one line, it printed across pages, 说明 on the second; at 239 at 64 % (60 % in
 * LibreOffice). A school year (`2023—2024学年`, 天津滨海) wraps in a wider 年度.
 */
function widths(schoolYears: boolean): number[] {
  return [12, 6, 9, 20, 22, schoolYears ? 10 : 8, 10, 20, 46, 20, 20, 10, 8, 10];
}
/** The columns that wrap: 检查项, 学校, 说明, 依据, 文件 (and 年度 where it is a school year). */
const WRAPPED = { wrap: true } as const;

export function findingsSheet(ctx: ReportContext, targets: FindingTargets): ReportSheet {
  const { result, L, R, U, names } = ctx;
  let order: number[] | undefined;
  const schoolYears = Boolean(result.rules.yearStart);
  return {
    name: names.findings,
    widths: widths(schoolYears),
    header: true,
    rowCount: result.findings.length + 1,
    *rows() {
      yield [R('link'), R('seq'), U('severity'), U('check'), U('school'), U('year'), R('name'), R('id'), U('message'), U('clause'), R('file'), R('sheet'), U('cell'), R('checkId')].map((h) => cell(h));
      // Sorted here, before splitSheet cuts the rows into parts: the parts follow one order.
      order ??= findingOrder(result.findings);
      let seq = 0;
      for (const i of order) {
        const f = result.findings[i]!;
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
        const fileName = f.ref ? (f.ref.file.split(/[\\/]/).pop() ?? f.ref.file) : '';
        yield [
          target ? cell(`${target.sheet}!A${target.row}`, { link: `'${target.sheet}'!A${target.row}` }) : cell(null),
          cell(++seq),
          cell(term(L, f.severity), { fill: FILL[f.severity] }),
          cell(CHECKS[f.check]?.meta.title[L] ?? f.check, WRAPPED),
          cell(f.school, WRAPPED),
          // A cycle's finding by its cycle (周期 2021-2025), which its year alone would not say.
          cell(f.period ? R('cyclePeriod', { cycle: f.period }) : ctx.yearOf(f.year), schoolYears || f.period ? WRAPPED : undefined),
          cell(f.teacherName),
          cell(ctx.id(f.teacherId)),
          cell(message(L, f.messageId, f.data), WRAPPED),
          cell(f.clause, WRAPPED),
          cell(fileName, WRAPPED),
          // A CSV's one sheet is named after its file: 文件 says it already.
          cell(place && place.sheet !== fileName ? place.sheet : ''),
          cell(place?.cell ?? ''),
          cell(f.check),
        ];
      }
    },
  };
}
