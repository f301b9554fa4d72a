import { z } from 'zod';
import { roundNoise } from '../model/amounts.js';
import { MEASURES, type TrainingRecord } from '../model/types.js';
import { NO_DRAFTS, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({
  /** The role the minimum is asked of, as the 角色 column writes it (天津滨海: 新任教师). */
  role: z.string().min(1),
  /** Other spellings of the role (新教师, 新入职教师). */
  roleAliases: z.array(z.string().min(1)).default([]),
  /** The topic: a record counts when its 课程类别 is one of `categories` or its project name holds one of `projects`. */
  categories: z.array(z.string().min(1)).default([]),
  projects: z.array(z.string().min(1)).default([]),
  measure: z.enum(MEASURES),
  minimum: z.number().positive(),
});

type Options = z.infer<typeof options>;

function onTopic(r: TrainingRecord, o: Options): boolean {
  if (r.category && o.categories.includes(r.category)) return true;
  return o.projects.some((p) => r.project.includes(p));
}

/**
 * A teacher holding a role must have a minimum of one topic in the year (天津滨海 四(一): 新入职
 * 教师 ≥ 16 学时 of 职业道德教育). Applies only where the input carries roles (TeacherYear.roles):
 * an input without a 角色 column says nothing of who is new, so nobody is judged by it.
 */
export const roleTopicMinimum: TeacherCheck<Options> = {
  meta: {
    id: 'role-topic-minimum',
    scope: 'teacher',
    title: { zh: '特定角色的专题学时下限', en: 'Topic minimum for a role' },
    messages: ['roleTopicBelow'],
    options,
    makesIncomplete: true,
  },
  check(t, o) {
    if (!t.roles || !t.records) return NO_DRAFTS;
    if (!t.roles.some((r) => r === o.role || o.roleAliases.includes(r))) return NO_DRAFTS;
    let measured = 0;
    for (const r of t.records) if (r.counted && onTopic(r, o)) measured += r[o.measure];
    measured = roundNoise(measured);
    if (measured >= o.minimum) return NO_DRAFTS;
    const topic = o.categories[0] ?? o.projects[0] ?? '';
    const missing = roundNoise(o.minimum - measured);
    const finding: FindingDraft = {
      messageId: 'roleTopicBelow',
      data: { role: o.role, topic, measure: o.measure, measured, required: o.minimum, missing },
      ref: t.ref,
      shortfall: { measure: o.measure, scope: 'total', topic, measured, required: o.minimum, missing },
      column: 'status',
    };
    return [finding];
  },
};
