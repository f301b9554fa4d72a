import { describe, expect, it } from 'vitest';
import { modeHoursCap } from '../../src/checks/mode-hours-cap.js';
import { puerTeacher } from '../helpers/teacher.js';

describe('mode-hours-cap (普洱 附件3 三: 校本 at most 48 学时)', () => {
  it.each([
    [48, []],
    [48.5, [{ mode: 'school', measure: 'hours', declared: 48.5, counted: 48, excess: 0.5 }]],
  ] as const)('%s school hours', (hours, expected) => {
    expect(modeHoursCap.check(puerTeacher([24, 24, 24, 24, hours, 0]), {}).map((d) => d.data)).toEqual(expected);
  });
  it('scales the credits of the hours above 48 with them: 60 学时 for 60 学分 counts 48 学时 and 48 学分', () => {
    const t = puerTeacher([24, 24, 24, 24, 60, 60]);
    expect(t.counted.school).toEqual({ hours: 48, credits: 48 });
    expect(modeHoursCap.check(t, {}).map((d) => [d.messageId, d.data.measure, d.data.counted, d.data.excess])).toEqual([
      ['aboveCap', 'hours', 48, 12],
      ['aboveCapScaled', 'credits', 48, 12],
    ]);
  });
  it('leaves credits alone at exactly 48 hours, and scales them at 48.5 (48 学分 of 48.5 学时 count 47.5)', () => {
    expect(puerTeacher([24, 24, 24, 24, 48, 57.6]).counted.school).toEqual({ hours: 48, credits: 57.6 });
    expect(puerTeacher([24, 24, 24, 24, 48.5, 48.5]).counted.school).toEqual({ hours: 48, credits: 48 });
    expect(puerTeacher([24, 24, 24, 24, 97, 48.5]).counted.school).toEqual({ hours: 48, credits: 24 });
  });
});
