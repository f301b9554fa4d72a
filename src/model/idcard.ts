/**
 * 身份证号 (GB 11643-1999): 17 digits and a check character. Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2;
 * the weighted sum mod 11 indexes "10X98765432".
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = 'length' | 'characters' | 'check' | 'birth-date';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the digits of `id` from `start` to `end` (all digits, checked before). */
function digitsAt(id: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (id.charCodeAt(i) - 48);
  return n;
}

/**
 * What is wrong with an 18-character ID, or null when it is valid. Expects upper-case X.
 * Character codes and arithmetic, no slices or Date: every teacher of a province passes here
 * (issue 5, profiled).
 */
export function idProblem(id: string): IdProblem | null {
  if (id.length !== 18) return 'length';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 'characters';
    sum += d * WEIGHTS[i]!;
  }
  const last = id.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88)) return 'characters';
  const y = digitsAt(id, 6, 10);
  const m = digitsAt(id, 10, 12);
  const d = digitsAt(id, 12, 14);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return 'birth-date';
  if (CHECK.charCodeAt(sum % 11) !== last) return 'check';
  return null;
}

/** The 17th digit is odd for men, even for women. */
export function idGender(id: string): '男' | '女' | null {
  if (!/^\d{17}/.test(id)) return null;
  return Number(id[16]) % 2 === 1 ? '男' : '女';
}
