const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * Text from outside (a request's path, host, origin) made safe for one log line: control
 * characters (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional
 * overrides are written as escapes, and so is the backslash, so an escape in the text cannot pass
 * for one of ours. A request for `/x%0a[kds] screen access rotated` must not forge a log line.
 */
export function loggable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes
    /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
