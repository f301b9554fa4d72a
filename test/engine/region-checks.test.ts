import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCycle, auditSchools, schoolCounters, tallySchools } from '../../src/engine/audit.js';
import { message } from '../../src/i18n/index.js';
import { reportSheets } from '../../src/report/report-content.js';
import type { AuditResult } from '../../src/model/types.js';
import type { Mode, TeacherResult, TrainingRecord } from '../../src/model/types.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { record } from '../helpers/cycles.js';
import { input } from '../helpers/inputs.js';
import { teacherYear } from '../helpers/teacher.js';

const rules = (id: string) => loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`));

/** A teacher-year of a per-record return: its counted amounts are the sum of its records. */
function year(y: number, records: TrainingRecord[], extra: Parameters<typeof teacherYear>[1] = {}): TeacherResult {
  const t = teacherYear([0, 0, 0, 0, 0, 0], { id: '310109198001010013', name: '李明', school: '虹口区第一中学', year: y, records, ...extra });
  for (const r of records) {
    t.counted[r.mode].hours += r.hours;
    t.counted[r.mode].credits += r.credits;
  }
  t.raw = structuredClone(t.counted);
  return { teacher: t, status: 'complete', shortfalls: [] };
}
const rec = (level: string, category: string, credits: number, it = false, mode: Mode = 'school'): TrainingRecord => ({ ...record(mode, credits, credits * 10), level, category, it });

/** 表1 met but 区级 知识与技能 8 of 10 with 市级 知识与技能 one over: still 1 short after the offset. */
const hongkouYears = (title = '一级教师') => [
  year(2016, [rec('市级', '师德与素养', 2), rec('市级', '知识与技能', 4), rec('市级', '知识与技能', 1, true)], { title }),
  year(2018, [rec('区级', '师德与素养', 2), rec('区级', '知识与技能', 5), rec('区级', '知识与技能', 3, true)], { title }),
  year(2020, [rec('校本', '师德与素养', 8), rec('校本', '实践体验', 9), rec('校本', '实践体验', 1, true)], { title }),
];

function hongkouAudit(years: TeacherResult[]) {
  const inputs = [2016, 2018, 2020].map((y) => input(`${y}.csv`, { year: y, years: [y] }));
  return auditCycle(years, inputs, { files: [], rules: rules('hongkou'), yearOption: null })!;
}

describe('issue 19 region checks through the engine', () => {
  it('hongkou: the cycle 2016–2020 is audited by default, and the matrix shortfall reads as a teacher can act on it, in zh and en', () => {
    const { audit, findings } = hongkouAudit(hongkouYears());
    expect(audit.window).toMatchObject({ start: 2016, end: 2020, ended: true });
    expect(audit.teachers[0]!.status).toBe('incomplete');
    const cell = findings.filter((f) => f.check === 'cycle-matrix-minimum');
    expect(cell.map((f) => message('zh', f.messageId, f.data))).toEqual([
      '2016-2020 周期（表1）：区级 知识与技能 还差 2 学分；市级 超出 1 学分已冲抵；仍差 1（已有 8，要求 10）',
      '2016-2020 周期（表1）：知识与技能课程 还差 1 学分（已有 13，要求 14）',
    ]);
    expect(message('en', cell[0]!.messageId, cell[0]!.data)).toBe(
      'cycle 2016-2020 (表1): district-level knowledge and skills is 2 credits short; a city-level surplus of 1 credits covered part of it; 1 still short (8 of 10)',
    );
    expect(cell[0]!.clause).toContain('表1');
    expect(audit.teachers[0]!.shortfalls).toContainEqual({ measure: 'credits', scope: 'total', measured: 9, required: 10, missing: 1, part: ['level.district', 'category.skills'] });
    // 35 in all: the total is 1 short too; 知识与技能 13 of 14.
    expect(findings.filter((f) => f.teacherId).map((f) => f.messageId).sort()).toEqual(['cycleTotalBelow', 'matrixCellBelowCovered', 'matrixGroupBelow']);
  });

  it('hongkou: one more 区级 知识与技能 学分 completes the teacher; a 高级教师 then owes 54 (要求 54)', () => {
    const years = hongkouYears();
    years[1]!.teacher.records!.push(rec('区级', '知识与技能', 1));
    years[1]!.teacher.counted.school.credits += 1;
    const { audit, findings } = hongkouAudit(years);
    expect(findings).toEqual([]);
    expect(audit.teachers[0]).toMatchObject({ status: 'complete', required: { credits: { full: 36 } } });
    const senior = hongkouYears('中学高级教师');
    senior[1]!.teacher.records!.push(rec('区级', '知识与技能', 1));
    senior[1]!.teacher.counted.school.credits += 1;
    const s = hongkouAudit(senior);
    expect(s.audit.teachers[0]).toMatchObject({ status: 'incomplete', required: { credits: { full: 54 } } });
    expect(s.findings.filter((f) => f.teacherId).map((f) => f.messageId)).toEqual(['titleTotalBelow', 'titleSelfBelow', 'titleCoreBelow']);
  });

  it('wenzhou: a school where 1 of 5 teachers took one 集中 of 90 is not flagged; 1 of 6 is', () => {
    const teacher = (i: number, records: TrainingRecord[]) => year(2014, records, { id: `33030219800101${String(i).padStart(3, '0')}X`, school: '温州市第一中学' });
    const long = [record('concentrated', 90, 90)];
    const twoHalves = [record('concentrated', 45, 45), record('concentrated', 45, 45)];
    const r = rules('wenzhou');
    const flagged = (n: number) => {
      const teachers = [teacher(0, long), ...Array.from({ length: n - 1 }, (_, i) => teacher(i + 1, twoHalves))];
      const { schools, findings } = auditSchools(tallySchools(teachers, schoolCounters(r)), r);
      return { flagged: schools[0]!.flagged, ids: findings.map((f) => f.check) };
    };
    expect(flagged(5)).toEqual({ flagged: false, ids: [] });
    expect(flagged(6)).toEqual({ flagged: true, ids: ['school-concentrated-share'] });
  });

  it('hongkou: the cycle 教师 sheet says which cell is short in its 还差 text, and the covered offset in that cell\'s note', () => {
    const years = hongkouYears();
    const { audit, findings } = hongkouAudit(years);
    const result = {
      tool: { name: 'credit-audit', version: '0' },
      rules: { id: 'hongkou', name: 'h', source: 's', file: 'hongkou.yaml' },
      generatedAt: '2021-01-01T00:00:00Z',
      inputs: [],
      teachers: years,
      schools: [],
      findings,
      cycle: audit,
      summary: { teachers: 3, complete: 3, incomplete: 0, exempt: 0, setAside: 0, schools: 0, schoolsFlagged: 0, distinctSchools: 0, distinctSchoolsFlagged: 0, findings: { error: findings.length, warning: 0, info: 0 }, inputErrors: 0 },
    } as AuditResult;
    const sheet = reportSheets(result, { lang: 'zh', maskIds: false }).find((s) => s.name === '教师')!;
    const rows = [...sheet.rows()];
    const texts = rows[1]!.map((c) => String((c as { v?: unknown }).v ?? ''));
    // The cell and the sum short; the total's 1 is what making up either adds, so not said again.
    expect(texts).toContain('需补：区级 知识与技能 1 学分；知识与技能课程 1 学分');
    // The note is on the cell's own column (区级 知识与技能), which shows what counted in it: 8.
    const head = rows[0]!.map((c) => String((c as { v?: unknown }).v ?? '').replace(/\n/g, ''));
    const at = head.indexOf('区级 知识与技能学分（应达 10）');
    expect(at).toBeGreaterThan(0);
    expect(rows[1]![at]!.v).toBe(8);
    expect(rows[1]![at]!.note).toContain('市级 超出 1 学分已冲抵；仍差 1');
  });
});
