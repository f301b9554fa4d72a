/**
 * Characters that never belong in a return's text and that break an output: C0/C1 control
 * characters (a terminal would obey ESC sequences), U+FFFE/U+FFFF and unpaired surrogates (not
 * allowed in XML 1.0, so an .xlsx report holding them cannot be opened). Tab, line feed and
 * carriage return are kept: they are layout, and the shapes already treat them as spaces.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Any character UNSAFE could remove: a plain test, without UNSAFE's look-arounds, clears nearly
// every cell at once (every text cell of a million rows is cleaned, read and written; issue 5).
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;

export function cleanText(s: string): string {
  return SUSPECT.test(s) ? s.replace(UNSAFE, '') : s;
}
