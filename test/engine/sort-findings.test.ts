import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFindings } from '../../src/engine/audit.js';
import type { Finding, Severity } from '../../src/model/types.js';

// The findings' order as sortFindings gave it before the ranks, with the collators at each
// comparison: it must give exactly this order, ties included.
const zh = new Intl.Collator('zh').compare;
const plain = new Intl.Collator().compare;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const reference = (fs: Finding[]) =>
  [...fs].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      zh(a.school, b.school) ||
      plain(a.ref?.file ?? '', b.ref?.file ?? '') ||
      (a.ref?.row ?? 0) - (b.ref?.row ?? 0) ||
      plain(a.check, b.check),
  );

// Schools the zh collator holds equal though their text differs (a zero-width space, a control
// character): they must tie as they did, and fall through to file, row and check.
const SCHOOLS = ['思茅区第一中学', '思茅区第\u200b一中学', '思茅区第一\u0001中学', '宁洱县民族中学', '墨江县第二小学', 'Ａ校', 'A校', ''];
const FILES = ['2025年度附件2-2.xlsx', '2025年度附件2-2.csv', '县区-001.xlsx', ''];

function finding(severity: Severity, school: string, file: string | null, row: number, check: string, n: number): Finding {
  return {
    check,
    severity,
    messageId: 'annual.mode.minimum',
    data: { n },
    clause: '第十条',
    school,
    teacherId: '',
    teacherName: `教师${n}`,
    year: 2025,
    ref: file === null ? undefined : { file, sheet: 'Sheet1', row, cell: `A${row}` },
    period: undefined,
    shortfall: undefined,
  } as Finding;
}

describe('sortFindings', () => {
  it('orders findings as the collators do at each comparison: severity, school, file, row, check; ties keep their order', () => {
    const arb = fc.array(
      fc.tuple(
        fc.constantFrom<Severity>('error', 'warning', 'info'),
        fc.constantFrom(...SCHOOLS),
        fc.option(fc.constantFrom(...FILES), { nil: null }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('annual-mode-minimum', 'id-number-invalid', 'declared-total-mismatch'),
      ),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const fs = rows.map(([sev, school, file, row, check], n) => finding(sev, school, file, row, check, n));
        const expected = reference(fs).map((f) => f.data.n);
        expect(sortFindings([...fs]).map((f) => f.data.n)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('puts an error of a later school before a warning of an earlier one, and row 2 before row 10', () => {
    const fs = [
      finding('warning', '墨江县第二小学', 'a.xlsx', 2, 'x', 0),
      finding('error', '宁洱县民族中学', 'a.xlsx', 10, 'x', 1),
      finding('error', '宁洱县民族中学', 'a.xlsx', 2, 'x', 2),
      finding('error', '墨江县第二小学', 'a.xlsx', 2, 'x', 3),
    ];
    // 墨江 (mo) before 宁洱 (ning) in the zh collator's pinyin order.
    expect(sortFindings(fs).map((f) => f.data.n)).toEqual([3, 2, 1, 0]);
  });
});
