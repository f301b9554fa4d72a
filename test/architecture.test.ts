import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';

/**
 * The flow, in import order (DESIGN.md, issue 23): a folder imports only folders before it.
 * `i18n` serves the reporters and the CLI only.
 */
const ORDER = ['model', 'read', 'shapes', 'periods', 'checks', 'rules', 'load', 'engine', 'report', 'cli'];
const SRC = path.resolve(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Every relative import of a file (static, type-only, re-export and dynamic), as a src-relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).replace(/\.js$/, '.ts'));
}

const folderOf = (rel: string) => rel.split(path.sep)[0]!;

describe('imports go one way (model ← read ← shapes ← periods ← checks ← rules ← load ← engine ← report ← cli)', () => {
  const files = sources(SRC).map((f) => ({ file: path.relative(SRC, f), imports: importsOf(f) }));

  it('has a folder for every stage and no other', () => {
    const folders = [...new Set(files.map((f) => folderOf(f.file)))].filter((f) => !f.endsWith('.ts')).sort();
    expect(folders).toEqual([...ORDER, 'i18n'].sort());
  });

  it('each folder imports only folders before it in the flow (i18n only from report and cli)', () => {
    const wrong: string[] = [];
    for (const { file, imports } of files) {
      const from = folderOf(file);
      for (const target of imports) {
        const to = folderOf(target);
        if (to === from) continue;
        const ok = to === 'i18n' ? from === 'report' || from === 'cli' : from === 'i18n' ? false : ORDER.indexOf(to) >= 0 && ORDER.indexOf(to) < ORDER.indexOf(from);
        if (!ok) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import circles between files', () => {
    const graph = new Map(files.map((f) => [f.file, f.imports.filter((i) => files.some((g) => g.file === i))]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...trail.slice(trail.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) visit(g, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(circles).toEqual([]);
  });
});

describe('the engine and the reporters never switch on a check id', () => {
  it('no file outside src/checks names one (checks declare what they mean: flagsSchool, column, requires, indicator)', () => {
    const named: string[] = [];
    for (const file of sources(SRC)) {
      const rel = path.relative(SRC, file);
      if (folderOf(rel) === 'checks') continue;
      const text = readFileSync(file, 'utf8');
      for (const id of Object.keys(CHECKS)) if (text.includes(`'${id}'`) || text.includes(`"${id}"`) || text.includes(`\`${id}\``)) named.push(`${rel}: ${id}`);
    }
    expect(named).toEqual([]);
  });
});
