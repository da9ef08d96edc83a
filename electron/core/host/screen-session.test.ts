import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { presentedToken } from './screen-session';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('the token a request presents', () => {
  it('from a bearer header or the session cookie, never from the URL', () => {
    expect(presentedToken(request({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(presentedToken(request({ cookie: 'theme=dark; kds_screen=abc=; other=1' }))).toBe('abc=');
    expect(presentedToken(request({ cookie: 'not_kds_screen=abc' }))).toBeUndefined();
    expect(presentedToken(request({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(presentedToken({ headers: {}, url: '/ws?token=abc' } as unknown as IncomingMessage)).toBeUndefined();
  });
});
