import type { TrainingRecord } from '../../model/types.js';

/**
 * The one place where the words of a per-record return become canonical values (issue 19): a
 * record's 培训层次 (level) and 课程类别 (category) as 上海虹口 附件 二 names them. The checks compare
 * canonical values only; the report words them through i18n terms (`level.city`, `category.ethics`).
 */
export const LEVELS = ['national', 'city', 'district', 'school'] as const;
export type Level = (typeof LEVELS)[number];

export const CATEGORIES = ['ethics', 'skills', 'practice'] as const;
export type Category = (typeof CATEGORIES)[number];

// Longest spellings first is not needed: each list is matched as a whole text after trimming, and
// the short forms (市, 区, 校) only as the whole cell, never as a substring (市级共享 contains 市,
// 区域 would too).
const LEVEL_WORDS: Record<Level, readonly string[]> = {
  national: ['国家级', '国家', '国培', '部级'],
  city: ['市级', '市', '市级共享', '市级共享课程', '市级专项', '市级课程'],
  district: ['区级', '区', '县级', '县', '区县级', '区级课程'],
  school: ['校本', '校级', '校', '校本培训', '校本研修', '学校'],
};

const CATEGORY_WORDS: Record<Category, readonly string[]> = {
  ethics: ['师德与素养', '师德素养', '师德', '师德与素养课程', '素养'],
  skills: ['知识与技能', '知识技能', '知识与技能课程'],
  practice: ['实践体验', '实践', '实践体验课程'],
};

function invert<K extends string>(words: Record<K, readonly string[]>): Map<string, K> {
  const m = new Map<string, K>();
  for (const [k, list] of Object.entries(words) as Array<[K, readonly string[]]>) for (const w of list) m.set(w, k);
  return m;
}

const LEVEL_OF = invert(LEVEL_WORDS);
const CATEGORY_OF = invert(CATEGORY_WORDS);

/** Whitespace and the 课程/培训 suffixes a register adds do not change the level. */
function bare(text: string): string {
  return text.replace(/\s+/g, '').replace(/[（(].*[)）]$/, '');
}

/** 国家级 / 市级 / 区级 / 校本 (校级) as written → its canonical level; null when the text is none of them. */
export function levelOf(text: string): Level | null {
  return LEVEL_OF.get(bare(text)) ?? null;
}

/** 师德与素养 / 知识与技能 / 实践体验 as written → its canonical category; null when the text is none of them. */
export function categoryOf(text: string | undefined): Category | null {
  if (!text) return null;
  return CATEGORY_OF.get(bare(text)) ?? null;
}

/**
 * A 信息技术应用能力 record: 是否信息技术 says so where the input has the column; without it, the
 * project name does (信息技术应用能力提升工程 courses are named so).
 */
export function isIt(r: TrainingRecord): boolean {
  if (r.it === true || r.it === false) return r.it;
  return /信息技术|信息化/.test(r.project);
}

/** Whether any phrase occurs in the record's category or project name (自主研修, 带教指导, 见习 …). */
export function namesAny(r: TrainingRecord, phrases: readonly string[]): boolean {
  for (const p of phrases) if ((r.category ?? '').includes(p) || r.project.includes(p)) return true;
  return false;
}

/** Whether any of the teacher's roles (or the 职称) holds one of the phrases. */
export function holdsAny(values: readonly string[] | undefined, phrases: readonly string[]): boolean {
  if (!values) return false;
  for (const v of values) for (const p of phrases) if (v.includes(p)) return true;
  return false;
}
