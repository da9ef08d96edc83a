import { describe, expect, it } from 'vitest';
import { loggable } from './log-text';

describe('text from outside in a log line', () => {
  it('escapes line breaks and every other control character, so one request writes one line', () => {
    expect(loggable('/api/x\n[kds] screen access rotated\r\n')).toBe('/api/x\\n[kds] screen access rotated\\r\\n');
    expect(loggable('a\u0000b\u001b[31mc\u007f\u0085\u2028\u202e')).toBe('a\\u0000b\\u001b[31mc\\u007f\\u0085\\u2028\\u202e');
    expect(loggable('tab\there, a backslash \\n stays told apart')).toBe('tab\\there, a backslash \\\\n stays told apart');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(loggable('GET /api/status from 127.0.0.1, host café.example — 🍔')).toBe(
      'GET /api/status from 127.0.0.1, host café.example — 🍔',
    );
  });
});
