/** True when the text holds a C0 control character or DEL (never valid in an id or a file name). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The text with each run of control characters replaced by `replacement`. */
export function replaceControlCharacters(text: string, replacement: string): string {
  let out = '';
  let inRun = false;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const control = code < 0x20 || code === 0x7f;
    if (control && !inRun) out += replacement;
    if (!control) out += char;
    inRun = control;
  }
  return out;
}

/** The text with each control character written as \u001b and so on: safe to print to a terminal. */
export function escapeControlCharacters(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out += code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}

/** A piece of a file name that is safe on every platform: "Dana Rivera" stays, slashes and control characters go. */
export function fileNameSafe(text: string): string {
  return replaceControlCharacters(text, ' ')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
