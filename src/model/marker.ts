/**
 * The mark credit-audit puts in the workbooks it writes (issue 21), in docProps/core.xml's
 * cp:keywords, a property Excel, WPS and LibreOffice keep when they save a file again: a folder
 * checked twice, or a glob such as `*.xlsx`, meets the report and the annotated copies the first
 * run wrote, and must not audit them as returns (the report's 教师 sheet counted every teacher twice).
 */

export const REPORT_KEYWORD = 'credit-audit:report';
const COPY_KEYWORD = 'credit-audit:annotated-copy';

/** The copy's keyword holds the time it was written, also its dcterms:modified: a later save changes the one and not the other. */
export function annotatedCopyKeyword(written: Date): string {
  return `${COPY_KEYWORD} ${w3cdtf(written)}`;
}

/** As Office writes dcterms:modified: to the second, in UTC. */
export function w3cdtf(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type OwnOutput = 'own-report' | 'annotated-copy';

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function element(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
  return m ? unescapeXml(m[1]!).trim() : null;
}

/**
 * What docProps/core.xml says a workbook is: a report (marked, or written before the mark by a
 * version whose only sign is dc:creator credit-audit with no keywords), an annotated copy not
 * saved since it was written, or null — a return, which includes a copy a school corrected and
 * saved again (its dcterms:modified is then the school's save, not the written time).
 */
export function ownOutputOf(coreXml: string): OwnOutput | null {
  const keywords = element(coreXml, 'cp:keywords') ?? '';
  if (keywords.split(/\s+/).includes(REPORT_KEYWORD)) return 'own-report';
  if (!keywords && element(coreXml, 'dc:creator') === 'credit-audit') return 'own-report';
  const copy = new RegExp(`(?:^|\\s)${COPY_KEYWORD} (\\S+)`).exec(keywords);
  if (copy && element(coreXml, 'dcterms:modified') === copy[1]) return 'annotated-copy';
  return null;
}
