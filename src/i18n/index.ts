import { en } from './en.js';
import { zh } from './zh.js';

export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];
const TABLES = { zh, en };
type Section = keyof typeof zh;

export type Data = Record<string, string | number>;

/** A localised term for an enum value, or the value itself when it has none. */
export function term(lang: Lang, value: string): string {
  // Own keys only: a value read from a file may be `__proto__` or `constructor`.
  return Object.hasOwn(TABLES[lang].terms, value) ? TABLES[lang].terms[value]! : value;
}

/**
 * The longest value read from a file that a sentence shows: a cell may hold 50 000 characters,
 * and a message must stay a line a person can read (the JSON `data` keeps the whole value).
 */
export const MAX_VALUE_CHARS = 200;

function clip(s: string): string {
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}…` : s;
}

/** A template cut at its placeholders: text, then (key, as a term?) and text, alternately. */
interface Compiled {
  texts: string[];
  keys: string[];
  asTerm: boolean[];
}

const compiled = new Map<string, Compiled>();

function compile(template: string): Compiled {
  let c = compiled.get(template);
  if (c) return c;
  c = { texts: [], keys: [], asTerm: [] };
  const re = /\{(\w+)(:term)?\}/g;
  let at = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    c.texts.push(template.slice(at, m.index));
    c.keys.push(m[1]!);
    c.asTerm.push(m[2] !== undefined);
    at = m.index + m[0].length;
  }
  c.texts.push(template.slice(at));
  compiled.set(template, c);
  return c;
}

/**
 * Fill a template: {name} is the value, {name:term} its localised term. Each template is cut
 * at its placeholders once: a province's report fills half a million sentences (issue 5).
 */
export function fill(lang: Lang, template: string, data: Data, clipValues = false): string {
  const { texts, keys, asTerm } = compile(template);
  let out = texts[0]!;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = Object.hasOwn(data, key) ? data[key] : undefined;
    if (v === undefined) out += `{${key}}`;
    else {
      const text = asTerm[i] ? term(lang, String(v)) : String(v);
      // Paths come from the command line, not from a file's cells: always shown whole.
      // The allowed values of an error are the tool's own list: a list cut short hides the one wanted.
      out += clipValues && key !== 'file' && key !== 'out' && key !== 'allowed' ? clip(text) : text;
    }
    out += texts[i + 1]!;
  }
  return out;
}

/** The one place text is made: section + key + data → a sentence. */
export function t(lang: Lang, section: Section, key: string, data: Data = {}): string {
  const own = (l: Lang) => (Object.hasOwn(TABLES[l][section], key) ? TABLES[l][section][key] : undefined);
  const template = own(lang) ?? own('zh');
  if (template === undefined) return `${section}.${key} ${JSON.stringify(data)}`;
  // Findings and errors carry values read from files; the other sections only our own.
  return fill(lang, template, data, section === 'messages' || section === 'errors');
}

export function message(lang: Lang, messageId: string, data: Data): string {
  return t(lang, 'messages', messageId, data);
}

export function errorMessage(lang: Lang, messageId: string, data: Data): string {
  return t(lang, 'errors', messageId, data);
}

export function tables(lang: Lang) {
  return TABLES[lang];
}
