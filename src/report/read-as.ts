import type { InputSummary } from '../model/types.js';

/** How a CSV was read, as console and 汇总 show it: its encoding, and its delimiter when not a comma ("utf-16le, tab"). */
export function readAs(i: Pick<InputSummary, 'encoding' | 'delimiter'>): string {
  if (!i.encoding) return '';
  return i.delimiter ? `${i.encoding}, ${i.delimiter}` : i.encoding;
}
