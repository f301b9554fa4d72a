import { en } from './en.js';
import { zh } from './zh.js';

export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];
const TABLES = { zh, en };
type Section = keyof typeof zh;

export type Data = Record<string, string | number>;

/** A localised term for an enum value, or the value itself when it has none. */
export function term(lang: Lang, value: string): string {
  return TABLES[lang].terms[value] ?? value;
}

/** Fill a template: {name} is the value, {name:term} its localised term. */
export function fill(lang: Lang, template: string, data: Data): string {
  return template.replace(/\{(\w+)(:term)?\}/g, (_, key: string, asTerm?: string) => {
    const v = data[key];
    if (v === undefined) return `{${key}}`;
    return asTerm ? term(lang, String(v)) : String(v);
  });
}

/** The one place text is made: section + key + data → a sentence. */
export function t(lang: Lang, section: Section, key: string, data: Data = {}): string {
  const template = TABLES[lang][section][key] ?? TABLES.zh[section][key];
  return template === undefined ? `${section}.${key} ${JSON.stringify(data)}` : fill(lang, template, data);
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
