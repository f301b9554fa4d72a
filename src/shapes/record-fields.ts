import { toHalfWidth } from '../read/numbers.js';
import type { Mode } from '../model/types.js';
import { looseLabel } from './header.js';

/**
 * What every per-record layout reads the same way (the Hangzhou export and the generic `records`
 * shape): 培训类别 values, 审核状态, 选课方式, and the year a date falls in. Kept in one place so
 * the two shapes cannot drift apart on what a status or a date means.
 */

/** 培训类别 values → mode (REGULATIONS.md vocabulary). */
const MODE_VALUES: Array<[RegExp, Mode]> = [
  [/^集中(培训|研修)?$|^集中性培训$/, 'concentrated'],
  [/^(网络|远程)(培训|研修)?$|^在线(培训|学习)$/, 'online'],
  [/^校本(培训|研修)?$/, 'school'],
  [/^其他(形式|培训)?$|^学分转换$|^其他形式转换$/, 'other'],
];

/** 审核状态 that means the credits are recognised; anything negated or pending is not. */
const NOT_RECOGNISED = /未|不|待|退回|驳回|撤销|拒绝|审核中/;
// REGULATIONS.md hangzhou: 已认定, 已审核, 通过, 认定通过, 终审通过, 审核通过, 已通过.
const RECOGNISED = /已认定|已审核|审核通过|认定通过|终审通过|已通过|^通过$|^认定$|^有效$/;

/** Whether a record's 审核状态 recognises it (a layout without the column recognises every record). */
export function statusRecognised(status: string): boolean {
  return !NOT_RECOGNISED.test(status) && RECOGNISED.test(status);
}

export function modeOf(text: string): Mode | null {
  const t = looseLabel(text);
  for (const [re, mode] of MODE_VALUES) if (re.test(t)) return mode;
  return null;
}

export function selfSelectedOf(text: string): boolean | null {
  const t = looseLabel(text);
  if (!t) return null;
  if (/^(是|自主|自主选课|自主选学|自选|选修)$/.test(t)) return true;
  if (/^(否|指令性|指令|统一安排|学校指派|必修|规定|规定培训)$/.test(t)) return false;
  return null;
}

/** The year a date falls in, for a rule set whose year starts on `start` (Tianjin: 1 September). */
export function yearOfDate(text: string, start: { month: number; day: number }): number | null {
  const m = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?/.exec(toHalfWidth(text));
  if (!m) {
    const y = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(text);
    return y ? Number(y[1]) : null;
  }
  const y = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : 1;
  return month < start.month || (month === start.month && day < start.day) ? y - 1 : y;
}

/** The year column's value: a label year as written (a 年度 of `2023—2024学年` is 2023, its first year). */
export function yearOfLabel(text: string): number | null {
  return yearOfDate(text, { month: 1, day: 1 });
}
