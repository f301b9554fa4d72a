import { describe, expect, it } from 'vitest';
import { categoryOf, holdsAny, isIt, levelOf, namesAny } from '../../src/checks/support/vocabulary.js';
import { record } from '../helpers/cycles.js';

// The words of a per-record return read to canonical levels and categories (src/checks/support/vocabulary.ts),
// tested here: test/checks/ holds one file per check id only.
describe('vocabulary: 培训层次 and 课程类别 as written → canonical values', () => {
  it.each([
    ['国家级', 'national'],
    ['市级', 'city'],
    ['市级共享课程', 'city'],
    ['市级专项', 'city'],
    [' 区级 ', 'district'],
    ['区', 'district'],
    ['校本', 'school'],
    ['校级', 'school'],
    ['校本（校级）', 'school'],
    ['省级', null],
    ['区域', null],
    ['', null],
  ])('level %j → %s', (text, want) => {
    expect(levelOf(text)).toBe(want);
  });

  it.each([
    ['师德与素养', 'ethics'],
    ['师德', 'ethics'],
    ['知识与技能', 'skills'],
    ['知识与技能课程', 'skills'],
    ['实践体验', 'practice'],
    ['自主研修', null],
    [undefined, null],
  ])('category %j → %s', (text, want) => {
    expect(categoryOf(text)).toBe(want);
  });

  it('reads 信息技术 from 是否信息技术, else from the project name', () => {
    const r = record('school', 1);
    expect(isIt({ ...r, it: true })).toBe(true);
    expect(isIt({ ...r, it: false, project: '信息技术应用能力提升工程' })).toBe(false);
    expect(isIt({ ...r, it: null, project: '信息技术应用能力提升工程' })).toBe(true);
    expect(isIt({ ...r, project: '课堂观察' })).toBe(false);
  });

  it('finds phrases in a category or project name, and in roles', () => {
    expect(namesAny({ ...record('school', 1), category: '自主研修' }, ['自主研修'])).toBe(true);
    expect(namesAny({ ...record('school', 1), project: '青年教师带教指导' }, ['带教指导'])).toBe(true);
    expect(namesAny(record('school', 1), ['带教指导'])).toBe(false);
    expect(holdsAny(['县骨干教师'], ['骨干'])).toBe(true);
    expect(holdsAny(undefined, ['骨干'])).toBe(false);
  });
});
