import { z } from 'zod';
import { idGender } from '../model/idcard.js';
import { NO_DRAFTS, cellRef, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/** 性别 as forms write it; anything else is not compared. */
export function genderOf(text: string): '男' | '女' | null {
  // Nearly every form writes just 男 or 女.
  if (text === '男' || text === '女') return text;
  const s = text.replace(/\s+/g, '').toLowerCase();
  if (/^(男|男性|m|male)$/.test(s)) return '男';
  if (/^(女|女性|f|female)$/.test(s)) return '女';
  return null;
}

/**
 * GB 11643-1999: the 17th digit of a 身份证号 is odd for men and even for women; 性别 on the form
 * must agree. Compared only when the 身份证号 has 18 characters and its first 17 are digits.
 */
export const idGenderMismatch: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'id-gender-mismatch',
    scope: 'teacher',
    title: { zh: '性别与身份证号不符', en: 'Gender differs from the ID number' },
    messages: ['genderMismatch'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    if (t.id.length !== 18 || t.idFromNumber) return NO_DRAFTS;
    const declared = genderOf(t.gender);
    const fromId = idGender(t.id);
    if (!declared || !fromId || declared === fromId) return NO_DRAFTS;
    return [{ messageId: 'genderMismatch', data: { id: t.id, gender: t.gender, idGender: fromId }, ref: cellRef(t, 'gender') }];
  },
};
