import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { screenLabel } from './screen-label';
import { presentedCredentials } from './screen-session';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('what a request presents', () => {
  it('a bearer header or the session cookie, never anything from the URL', () => {
    expect(presentedCredentials(request({ authorization: 'Bearer abc' }))).toEqual({ bearer: 'abc' });
    expect(presentedCredentials(request({ cookie: 'theme=dark; kds_screen=abc=; other=1' }))).toEqual({ cookie: 'abc=' });
    expect(presentedCredentials(request({ cookie: 'not_kds_screen=abc' }))).toEqual({});
    expect(presentedCredentials(request({ authorization: 'Basic abc' }))).toEqual({});
    expect(presentedCredentials({ headers: {}, url: '/ws?token=abc' } as unknown as IncomingMessage)).toEqual({});
  });
});

describe("a paired screen's label", () => {
  it('names its browser and system from the User-Agent, and where it paired from', () => {
    const android = 'Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const ipad =
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    const edge =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
    expect(screenLabel(android, '192.168.1.23')).toBe('Chrome on Android, 192.168.1.23');
    expect(screenLabel(ipad, '192.168.1.24')).toBe('Safari on iPad, 192.168.1.24');
    expect(screenLabel(edge, '192.168.1.25')).toBe('Edge on Windows, 192.168.1.25');
    expect(screenLabel('curl/8.5\u0000\u00ff', '127.0.0.1')).toBe('curl/8.5, 127.0.0.1');
    expect(screenLabel(undefined, '127.0.0.1')).toBe('unknown browser, 127.0.0.1');
  });
});
