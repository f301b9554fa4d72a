import { z } from 'zod';
import { idProblem } from '../model/idcard.js';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/** YYYY-MM-DD of the birth date an 18-character 身份证号 carries in characters 7–14. */
function birthOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * 身份证号 (GB 11643-1999): 17 digits and a check character (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5
 * 8 4 2, sum mod 11 → 1 0 X 9 8 7 6 5 4 3 2); digits 7–14 a real birth date, not after the year
 * declared. A cell that held a number has lost its last digits (a spreadsheet keeps 15), and a
 * 15-digit number is the first-generation card, replaced by 18 digits. A blank 身份证号 is
 * teacher-identity-missing's to report.
 */
export const idNumberInvalid: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'id-number-invalid',
    scope: 'teacher',
    title: { zh: '身份证号码无效', en: 'Invalid ID number' },
    messages: ['idStoredAsNumber', 'idOld15', 'idLength', 'idCharacters', 'idBirthDate', 'idCheckChar'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    if (!t.id) return NO_DRAFTS;
    // The cell's reference is made only for a finding: most teachers' IDs are valid (issue 5).
    const one = (messageId: string, data: FindingDraft['data'] = {}): FindingDraft[] => [{ messageId, data: { id: t.id, ...data }, ref: cellRef(t, 'id') }];
    if (t.idFromNumber || /^\d(\.\d+)?e\+?\d+$/i.test(t.id)) return one('idStoredAsNumber');
    if (t.id.length === 15 && /^\d{15}$/.test(t.id)) return one('idOld15');
    switch (idProblem(t.id)) {
      case 'length':
        return one('idLength', { length: [...t.id].length });
      case 'characters':
        return one('idCharacters');
      case 'birth-date':
        return one('idBirthDate', { birth: birthOf(t.id) });
      case 'check':
        return one('idCheckChar');
      case null:
        // Born after the year the return declares: the date exists but is not a teacher's.
        return Number(t.id.slice(6, 10)) > t.year ? one('idBirthDate', { birth: birthOf(t.id) }) : NO_DRAFTS;
    }
  },
};
