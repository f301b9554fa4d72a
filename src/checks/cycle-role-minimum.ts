import { z } from 'zod';
import { roundNoise } from '../model/amounts.js';
import { MEASURES, MODES, type TeacherCycle } from '../model/types.js';
import { LEVELS, holdsAny, levelOf, namesAny } from './support/vocabulary.js';
import type { CycleCheck, FindingDraft } from './types.js';

const requirement = z.strictObject({
  /** How the rule names the role (班主任, 新任教师, 骨干教师, 校长): shown in the finding. */
  role: z.string().min(1),
  /** A teacher holds the role when one of their 角色 contains one of these. */
  roles: z.array(z.string().min(1)).min(1),
  measure: z.enum(MEASURES),
  minimum: z.number().positive(),
  /** What counts toward it, as the rule names it (区级学分, 集中培训, 学校管理类集中培训): shown in the finding. */
  counts: z.string().min(1),
  /** Records of these levels only (上海虹口: 区级); absent: any level. */
  levels: z.array(z.enum(LEVELS)).optional(),
  /** Records of these modes only (温州: 骨干 集中培训); absent: any mode. */
  modes: z.array(z.enum(MODES)).optional(),
  /** Records whose project name or category holds one of these (班主任专题, 管理, 见习); absent: any record. */
  projects: z.array(z.string().min(1)).optional(),
});

const options = z.strictObject({ requirements: z.array(requirement).min(1) });
type Requirement = z.infer<typeof requirement>;

/** The amount of the cycle's counted records that meet the requirement's level, mode and project terms. */
export function roleAmount(c: TeacherCycle, q: Requirement): number {
  let sum = 0;
  for (const r of c.records) {
    if (q.modes && !q.modes.includes(r.mode)) continue;
    if (q.levels) {
      const level = levelOf(r.level);
      // 国家级 counts as 市级 wherever 市级 does (上海虹口 二(四)1).
      if (!level || !(q.levels.includes(level) || (level === 'national' && q.levels.includes('city')))) continue;
    }
    if (q.projects && !namesAny(r, q.projects)) continue;
    sum = roundNoise(sum + r[q.measure]);
  }
  return sum;
}

/**
 * A role's own minimum over the cycle (上海虹口 二(二)2: 新任教师 ≥ 12 见习, 班主任 ≥ 3 专题, 纳入区级;
 * 温州 一、4: 骨干 ≥ 120 集中, 班主任 ≥ 30 专题, 校长 ≥ 120 管理类). Judged only where the inputs carry
 * roles (TeacherCycle.roles) and single records, at the cycle's end.
 */
export const cycleRoleMinimum: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-role-minimum',
    scope: 'cycle',
    title: { zh: '岗位角色专项培训下限', en: 'Role minimums' },
    messages: ['roleBelow'],
    options,
    makesIncomplete: true,
  },
  check(c, o, window) {
    if (!c.roles || !c.hasRecords || !window.ended) return [];
    const out: FindingDraft[] = [];
    for (const q of o.requirements) {
      if (!holdsAny(c.roles, q.roles)) continue;
      const measured = roleAmount(c, q);
      if (measured >= q.minimum) continue;
      const missing = roundNoise(q.minimum - measured);
      out.push({
        messageId: 'roleBelow',
        data: { role: q.role, counts: q.counts, measure: q.measure, cycle: `${window.start}-${window.end}`, measured, required: q.minimum, missing },
        ref: c.ref,
        shortfall: { measure: q.measure, scope: 'total', measured, required: q.minimum, missing, part: [q.role, q.counts] },
      });
    }
    return out;
  },
};
