import { idCheckChar } from '../../src/model/idcard.js';
import type { TeacherYear } from '../../src/model/types.js';
import { teacherYear } from './teacher.js';

/** A valid 身份证号 for a birth date and sequence (the 17th digit: odd for men). */
export const id = (birth: string, seq = '001') => `530802${birth}${seq}${idCheckChar(`530802${birth}${seq}`)}`;
export const MAN = id('19800101', '001'); // 530802198001010013
export const WOMAN = id('19800101', '002'); // 530802198001010021

/** A complete teacher-year at a row of `file`, with 姓名 in B, 性别 in C and 身份证号 in D. */
export const at = (row: number, extra: Partial<TeacherYear> = {}, file = 'a.xlsx') =>
  teacherYear([24, 24, 24, 24, 24, 24], { ref: { file, sheet: 'Sheet1', row, cell: `B${row}` }, cells: { name: 1, id: 3, gender: 2 }, ...extra });
