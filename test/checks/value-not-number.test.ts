import { describe, expect, it } from 'vitest';
import { valueNotNumber } from '../../src/checks/value-not-number.js';
import { puerTeacher } from '../helpers/teacher.js';

describe('value-not-number', () => {
  it('reports every bad value cell with its text and cell', () => {
    const t = puerTeacher([24, 24, 0, 24, 24, 24], { badValues: [{ field: 'online.hours', text: '二十四', ref: { file: 'f.xlsx', sheet: 'Sheet1', row: 6, cell: 'I6' } }] });
    expect(valueNotNumber.check(t, {})).toEqual([{ messageId: 'notANumber', data: { field: 'online.hours', text: '二十四' }, ref: { file: 'f.xlsx', sheet: 'Sheet1', row: 6, cell: 'I6' } }]);
  });
  it('reports nothing for a clean row', () => expect(valueNotNumber.check(puerTeacher([24, 24, 24, 24, 24, 24]), {})).toEqual([]));
});
