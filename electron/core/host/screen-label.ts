/** Browsers first: Edge and Opera also say Chrome, Chrome also says Safari. */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(HeadlessChrome|Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\bSafari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\biPad\b/, 'iPad'],
  [/\biPhone\b/, 'iPhone'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * How diagnostics name a paired screen, so staff can tell the lost tablet from the expo screen:
 * its browser and system as its User-Agent says ("Chrome on Android"), and the address it
 * paired from. A hint, not an identity: any client may say anything.
 */
export function screenLabel(userAgent: string | undefined, address: string): string {
  const agent = userAgent ?? '';
  const browser = BROWSERS.find(([pattern]) => pattern.test(agent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(agent))?.[1];
  const device =
    browser && system
      ? `${browser} on ${system}`
      : (browser ?? system ?? (agent.replace(/[^\x20-\x7e]/g, '').slice(0, 60) || 'unknown browser'));
  return `${device}, ${address}`;
}
