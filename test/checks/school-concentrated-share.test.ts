import { describe, expect, it } from 'vitest';
import { schoolConcentratedShare } from '../../src/checks/school-concentrated-share.js';
import { tallySchools, schoolCounters } from '../../src/engine/audit.js';
import type { TeacherResult, TrainingRecord } from '../../src/model/types.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { record } from '../helpers/cycles.js';
import { teacherYear } from '../helpers/teacher.js';
import path from 'node:path';

const wenzhou = loadRules(path.join(BUILTIN_RULES_DIR, 'wenzhou.yaml'));
const opts = { percent: 20, mode: 'concentrated' as const, measure: 'hours' as const, minimum: 90 };
const tally = (teachers: number, counted: number) => ({ name: '温州市第一中学', year: 2014, teachers, incomplete: 0, exempt: 0, ref: null, counted: { 'school-concentrated-share': counted } });
const flagged = (counted: number, teachers: number) => schoolConcentratedShare.check(tally(teachers, counted), opts).length === 1;

/** A teacher-year of a per-record return with these records. */
const withRecords = (records: TrainingRecord[], status: TeacherResult['status'] = 'complete'): TeacherResult => ({
  teacher: teacherYear([0, 0, 0, 0, 0, 0], { school: '温州市第一中学', year: 2014, records }),
  status,
  shortfalls: [],
});

describe('school-concentrated-share (温州 一、4: 不少于 20 % of teachers, one single 集中 ≥ 90 学时 a year)', () => {
  it.each([
    [1, 5, false],
    [2, 10, false],
    [18, 100, true],
    [19, 100, true],
    [20, 100, false],
    [0, 5, true],
    [0, 0, false],
  ])('%i of %i teachers with such a training → flagged %s', (counted, teachers, expected) => {
    expect(flagged(counted, teachers)).toBe(expected);
  });

  it('reports the counts and share', () => {
    expect(schoolConcentratedShare.check(tally(100, 18), opts)[0]?.data).toEqual({ counted: 18, teachers: 100, percent: 20, share: 18, mode: 'concentrated', measure: 'hours', minimum: 90 });
  });

  it('counts one single record of ≥ 90; two records of 45 are not one of 90; 89.5 is short; uncounted records do not count', () => {
    const counts = (records: TrainingRecord[]) => schoolConcentratedShare.counts!(withRecords(records).teacher, opts);
    expect(counts([record('concentrated', 90)])).toBe(true);
    expect(counts([record('concentrated', 45), record('concentrated', 45)])).toBe(false);
    expect(counts([record('concentrated', 89.5)])).toBe(false);
    expect(counts([record('online', 90)])).toBe(false);
    expect(counts([{ ...record('concentrated', 90), counted: false }])).toBe(false);
    expect(schoolConcentratedShare.counts!(teacherYear([90, 90, 0, 0, 0, 0]), opts)).toBe(false);
  });

  it('is not judged on a tally without counts (a cycle\'s schools)', () => {
    expect(schoolConcentratedShare.check({ name: 's', year: null, teachers: 5, incomplete: 0, exempt: 0, ref: null }, opts)).toEqual([]);
  });

  it('the engine sums the count per school over audited teachers (exempt ones left out): 1 of 5 passes, 1 of 6 is flagged', () => {
    const one = withRecords([record('concentrated', 90)]);
    const others = (n: number) => Array.from({ length: n }, () => withRecords([record('concentrated', 45), record('concentrated', 45)]));
    const exempt = withRecords([record('concentrated', 90)], 'exempt');
    const counters = schoolCounters(wenzhou);
    const [five] = tallySchools([one, ...others(4), exempt], counters);
    expect(five).toMatchObject({ teachers: 5, exempt: 1, counted: { 'school-concentrated-share': 1 } });
    expect(schoolConcentratedShare.check(five!, opts)).toEqual([]);
    const [six] = tallySchools([one, ...others(5)], counters);
    expect(schoolConcentratedShare.check(six!, opts)).toHaveLength(1);
    // A rule set without counting checks tallies no counts.
    expect(tallySchools([one], [])[0]!.counted).toBeUndefined();
  });
});
