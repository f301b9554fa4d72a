import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RECORD_COLUMNS } from '../shapes/records.js';

/**
 * `--columns map.yaml`: the headers of a per-record list that the layout's synonyms do not know,
 * each given as `canonical name: header as written` (`hours: 折算学时`). The canonical names are
 * the English ones of the records layout (README, "A list of training records"). A map that cannot
 * be read or names no such column is a usage error (exit 2); a header no input has is the input's
 * error (src/load/load.ts, input.columnNotFound).
 */
export function readColumnsMap(file: string, cwd: string): { map: Record<string, string> } | { error: { messageId: string; data: Record<string, string | number> } } {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (e) {
    return { error: { messageId: 'usage.columnsUnreadable', data: { file, detail: String((e as Error).message).split('\n')[0]! } } };
  }
  const allowed = RECORD_COLUMNS.join(', ');
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || Object.keys(doc).length === 0) return { error: { messageId: 'usage.columnsNotMap', data: { file, allowed } } };
  const map: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!(RECORD_COLUMNS as readonly string[]).includes(key)) return { error: { messageId: 'usage.columnsUnknown', data: { file, key, allowed } } };
    if (typeof value !== 'string' && typeof value !== 'number') return { error: { messageId: 'usage.columnsNotMap', data: { file, allowed } } };
    map[key] = String(value);
  }
  return { map };
}
