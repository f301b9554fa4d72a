import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { en } from '../src/i18n/en.js';
import { zh } from '../src/i18n/zh.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the check registry stays in step with its folder, docs, tests and text', () => {
  const files = readdirSync(path.join(ROOT, 'src/checks'))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts')
    .map((f) => f.slice(0, -3))
    .sort();
  const doc = readFileSync(path.join(ROOT, 'docs/checks.md'), 'utf8');

  it('registers exactly one check per file, named by the file', () => {
    expect(Object.keys(CHECKS).sort()).toEqual(files);
    for (const [id, c] of Object.entries(CHECKS)) expect(c.meta.id).toBe(id);
  });

  it('documents every check in docs/checks.md', () => {
    const documented = [...doc.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(files);
  });

  // One step from an id (issue 23): its check, its docs section, its words and its tests, each found by the id.
  const testFile = (id: string) => path.join(ROOT, 'test/checks', `${id}.test.ts`);

  it.each(files.map((id) => [id, id]))('%s: registered, documented, worded in zh and en, and tested in test/checks/%s.test.ts', (id) => {
    const check = CHECKS[id];
    expect(check?.meta.id, 'registered').toBe(id);
    expect(doc.split('\n'), 'docs/checks.md section').toContain(`## ${id}`);
    expect(check!.meta.messages.length, 'messages').toBeGreaterThan(0);
    for (const m of check!.meta.messages) {
      expect(zh.messages[m], `zh ${m}`).toBeTruthy();
      expect(en.messages[m], `en ${m}`).toBeTruthy();
    }
    expect(existsSync(testFile(id)), `test/checks/${id}.test.ts`).toBe(true);
    // The file tests this check, not only names it.
    expect(readFileSync(testFile(id), 'utf8'), `test/checks/${id}.test.ts imports src/checks/${id}.ts`).toContain(`/src/checks/${id}.js'`);
  });

  it('holds in test/checks/ only the test file of each check id (tests of several checks go to test/engine/)', () => {
    expect(readdirSync(path.join(ROOT, 'test/checks')).sort()).toEqual(files.map((id) => `${id}.test.ts`).sort());
  });

  it('has zh and en text for every message a check can report', () => {
    for (const c of Object.values(CHECKS)) {
      for (const m of c.meta.messages) {
        expect(zh.messages[m], `zh ${m}`).toBeTruthy();
        expect(en.messages[m], `en ${m}`).toBeTruthy();
      }
    }
  });

  it('has the same keys in zh and en', () => {
    for (const section of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(Object.keys(en[section]).sort(), section).toEqual(Object.keys(zh[section]).sort());
    }
  });

  it('uses the same placeholders in zh and en', () => {
    for (const section of ['messages', 'errors', 'ui'] as const) {
      for (const [k, v] of Object.entries(zh[section])) {
        const ph = (s: string) => [...s.matchAll(/\{\w+(:term)?\}/g)].map((m) => m[0]).sort();
        expect(ph(en[section][k]!), `${section}.${k}`).toEqual(ph(v));
      }
    }
  });
});
