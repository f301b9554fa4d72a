/**
 * Characters that never belong in a return's text and that break an output: C0/C1 control
 * characters (a terminal would obey ESC sequences), U+FFFE/U+FFFF and unpaired surrogates (not
 * allowed in XML 1.0, so an .xlsx report holding them cannot be opened). Tab, line feed and
 * carriage return are kept: they are layout, and the shapes already treat them as spaces.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(s: string): string {
  return s.replace(UNSAFE, '');
}
