import { describe, expect, it } from 'vitest';
import { modeCreditCeiling } from '../../src/checks/mode-credit-ceiling.js';
import { optionsOf, puerTeacher } from '../helpers/teacher.js';

describe('mode-credit-ceiling (普洱 第十一条, 第十三条)', () => {
  const run = (v: [number, number, number, number, number, number]) =>
    modeCreditCeiling.check(puerTeacher(v), optionsOf('mode-credit-ceiling') as never).map((d) => ({ mode: d.data.mode, severity: d.severity, messageId: d.messageId }));
  it.each([
    ['online 28.8 on 24 hours is the formula maximum', [24, 24, 24, 28.8, 24, 24], []],
    ['online 28.9 on 24 hours is an error', [24, 24, 24, 28.9, 24, 24], [{ mode: 'online', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['school 28.9 on 24 hours is an error', [24, 24, 24, 24, 24, 28.9], [{ mode: 'school', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['concentrated 86.4 on 24 hours (3.6×) passes', [24, 86.4, 24, 24, 24, 24], []],
    ['concentrated 86.5 on 24 hours is a lecturing warning', [24, 86.5, 24, 24, 24, 24], [{ mode: 'concentrated', severity: 'warning', messageId: 'creditsAboveLecturing' }]],
    ['concentrated 240 on 24 hours (10×) is still a warning', [24, 240, 24, 24, 24, 24], [{ mode: 'concentrated', severity: 'warning', messageId: 'creditsAboveLecturing' }]],
    ['concentrated 240.5 on 24 hours is an error', [24, 240.5, 24, 24, 24, 24], [{ mode: 'concentrated', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['credits with no hours are an error', [0, 0, 0, 5, 24, 24], [{ mode: 'online', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['fewer credits than hours (a failed project) is fine', [24, 0, 24, 10, 24, 0], []],
  ] as const)('%s', (_, v, expected) => {
    expect(run([...v] as never)).toEqual(expected);
  });
});
