/**
 * Text read from a file (a school's name, a header, a sheet's or a file's name) made safe for a
 * terminal: a return may hold escape sequences, NUL and line breaks in a cell, and raw on the
 * console they recolour or clear the screen, retitle the window, hide a line or forge one (issue
 * 18). Line breaks and tabs become a space, so a field stays on its line; an escape sequence (CSI
 * `ESC [ … final`, OSC `ESC ] … BEL|ST`, or ESC and one character) is removed whole; the other C0
 * controls, DEL, the C1 controls and the bidirectional overrides (which reorder what is shown) are
 * removed. The JSON output keeps the exact text; the Excel report cleans it for XML (excel-text.ts).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -~]?)/g;
const BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
const OTHERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function consoleText(s: string): string {
  // Most text has none: one test, no copy.
  if (!UNSAFE.test(s)) return s;
  return s.replace(ESCAPES, '').replace(BREAKS, ' ').replace(OTHERS, '');
}

/** CR and LF, and the controls the escaping of GitHub's workflow commands keeps. */
const OTHERS_BUT_CR_LF = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * As consoleText, but CR and LF are kept as they are: for an output that escapes them itself
 * (GitHub's workflow commands, ci-formats.ts). A tab and the other breaks become a space.
 */
export function controlsRemoved(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(ESCAPES, '').replace(/[\t\u0085\u2028\u2029]/g, ' ').replace(OTHERS_BUT_CR_LF, '');
}
