import { modeSum, roundNoise } from '../model/amounts.js';
import type { TargetResult, TeacherResult } from '../model/types.js';
import type { RuleFile } from '../rules/rules.js';

/**
 * The rule set's run-wide targets per year (天津滨海 三(二)1), over the teacher-years that count
 * (a repeated row set aside is in none). Coverage: teachers listed with any recognised 学时 or 学分
 * ÷ teachers listed — a roster row, or a teacher whose records all wait for 审核, is listed and not
 * covered. Completion: complete ÷ audited (exempt in neither, as the school share counts them).
 */
export function auditTargets(counted: readonly TeacherResult[], def: Pick<RuleFile, 'targets'>): TargetResult[] | null {
  const targets = def.targets;
  if (!targets || (targets.coverage === undefined && targets.completion === undefined)) return null;
  const years = new Map<number, { listed: number; covered: number; audited: number; complete: number }>();
  for (const r of counted) {
    let y = years.get(r.teacher.year);
    if (!y) years.set(r.teacher.year, (y = { listed: 0, covered: 0, audited: 0, complete: 0 }));
    y.listed++;
    if (modeSum(r.teacher.counted, 'hours') > 0 || modeSum(r.teacher.counted, 'credits') > 0) y.covered++;
    if (r.status === 'exempt') continue;
    y.audited++;
    if (r.status === 'complete') y.complete++;
  }
  const out: TargetResult[] = [];
  // Compared in whole numbers (count × 100 ≥ target × of): 49 of 50 is exactly 98 %, met.
  const result = (key: TargetResult['key'], year: number, count: number, of: number, target: number): TargetResult => ({
    key,
    year,
    count,
    of,
    share: of ? roundNoise((count * 100) / of) : 0,
    target,
    met: of > 0 && count * 100 >= target * of,
    clause: targets.clause,
  });
  for (const [year, y] of [...years].sort(([a], [b]) => a - b)) {
    if (targets.coverage !== undefined) out.push(result('coverage', year, y.covered, y.listed, targets.coverage));
    if (targets.completion !== undefined) out.push(result('completion', year, y.complete, y.audited, targets.completion));
  }
  return out;
}
