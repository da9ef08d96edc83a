import { expect, test, type Page } from '@playwright/test';
import { FleetFixtureService } from './fleet-fixture-service';

const TOKEN = 'support-token-for-the-test';
const HHMMSS = /\d\d:\d\d:\d\d/;

/** What the test reads in the page (this tsconfig has no DOM types). */
interface BrowserSide {
  sessionStorage: { getItem(key: string): string | null };
}
interface Canvas2d {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** The keys of the table's rows, top to bottom. */
const rowKeys = (page: Page) => page.locator('table.terminals tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));

test('fleet page at a support desk: totals, terminals worst first, the merchant filter, a terminal with its last hour, refresh, and the service unreachable', async ({
  browser,
}) => {
  const service = await FleetFixtureService.start(TOKEN);
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('console', (entry) => entry.type() === 'error' && errors.push(entry.text()));
  try {
    await page.goto(`${service.url}/#token=${TOKEN}`);

    // The token leaves the address at once and stays in the tab's session storage.
    await expect(page).toHaveURL(`${service.url}/`);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserSide).sessionStorage.getItem('kds-fleet-token'))).toBe(TOKEN);

    // Worst first, whatever order the service sent; each status in words.
    await expect(page.locator('table.terminals tbody tr')).toHaveCount(8);
    expect(await rowKeys(page)).toEqual([
      'bistro-nord/expo-1',
      'pizzeria-sud/grill-2',
      'cafe-ost/expo-1',
      'bistro-nord/grill-1',
      'taqueria-west/expo-1',
      'cafe-ost/bar-1',
      'pizzeria-sud/expo-1',
      'sushi-mitte/expo-1',
    ]);
    const first = page.locator('table.terminals tbody tr').first();
    await expect(first).toContainText('Trouble');
    await expect(first).toContainText('Lag 1,240 and rising for 6 min.');
    await expect(first.locator('td.num').first()).toHaveText('1,240');
    const totals = page.getByRole('list', { name: 'Terminals by status' });
    await expect(totals).toContainText('8 terminals');
    for (const text of ['1 Trouble', '1 Offline', '1 Silent', '1 Warning', '1 Stopped', '3 OK', '3 unseen orders'])
      await expect(totals).toContainText(text);
    await expect(page.getByRole('status')).toHaveText(new RegExp(`Updated ${HHMMSS.source}`));
    await page.screenshot({ path: 'test-results/e2e/fleet-list-1920x1080.png' });

    // The merchant filter: type part of a name, pick it, and the service is asked for that merchant.
    const filter = page.getByRole('combobox', { name: 'Merchant' });
    await filter.fill('nord');
    await expect(page.getByRole('option')).toHaveText(['bistro-nord']);
    await page.getByRole('option', { name: 'bistro-nord' }).click();
    await expect.poll(() => rowKeys(page)).toEqual(['bistro-nord/expo-1', 'bistro-nord/grill-1']);
    expect(service.requests.some((r) => r.url.includes('merchant=bistro-nord'))).toBe(true);
    await page.getByRole('button', { name: 'All merchants' }).click();
    await expect(page.locator('table.terminals tbody tr')).toHaveCount(8);

    // One click opens a terminal: every figure of its record and its last hour as charts.
    await page.getByRole('button', { name: 'Details of bistro-nord/expo-1' }).click();
    const details = page.getByRole('dialog', { name: 'Terminal bistro-nord/expo-1' });
    await expect(details.getByRole('img', { name: /, last hour$/ })).toHaveCount(5);
    for (const [term, value] of [
      ['Total lag', '1,240'],
      ['Lag by partition', 'p0: 1,200, p5: 40'],
      ['Oldest unapplied order event', '6 min 12 s'],
      ['Retry depth', '2'],
      ['Parked', '1'],
      ['Last dead letter reason', 'order event failed its schema: items[0].quantity is not a number'],
      ['Open notices', '1'],
      ['Largest clock skew', '2,400 ms'],
      ['Screens paired', '2'],
      ['Unseen orders (60 s)', '3'],
    ] as const) {
      await expect(details.locator('.figures__item', { has: page.locator('dt', { hasText: term }) }).locator('dd')).toHaveText(value);
    }
    await expect(details.locator('.figures__item', { hasText: 'Faults' }).locator('dd')).toContainText(/ingest since/);
    // The charts are drawn, not just placed: each canvas has coloured pixels.
    const drawn = await details.locator('canvas').evaluateAll((canvases) =>
      canvases.map((c) => {
        const canvas = c as unknown as Canvas2d;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let coloured = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) coloured += 1;
        return coloured;
      }),
    );
    expect(drawn.every((n) => n > 200)).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/fleet-details-1920x1080.png' });

    // Refreshed every 5 s without a reload: a well terminal falling into trouble rises to the top.
    const target = service.terminals.find((t) => t.key === 'pizzeria-sud/expo-1');
    if (!target) throw new Error('fixture lost pizzeria-sud/expo-1');
    Object.assign(target, { status: 'trouble', trouble: 95, problems: ['Consumer refused by the broker for 1 min.'] });
    await expect.poll(async () => (await rowKeys(page))[0], { timeout: 8_000 }).toBe('pizzeria-sud/expo-1');

    // Every request carried the token as a bearer header.
    expect(service.requests.length).toBeGreaterThan(3);
    expect(service.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);

    // The service goes away: the page says so with the time of its last data, and marks what it shows as the past.
    await service.stop();
    await expect(page.getByRole('alert').first()).toHaveText(new RegExp(`^⚠ Fleet service unreachable — last data ${HHMMSS.source}$`), {
      timeout: 10_000,
    });
    await expect(page.locator('main.fleet__list')).toHaveAttribute('data-stale', 'true');
    await expect(totals).toHaveAttribute('data-stale', 'true');
    await expect(details.getByRole('alert')).toHaveText(new RegExp(`Fleet service unreachable — last data ${HHMMSS.source}$`));
    await expect(details.locator('.details__body')).toHaveAttribute('data-stale', 'true');
    await expect(page.getByRole('status')).toHaveText('');
    await page.screenshot({ path: 'test-results/e2e/fleet-unreachable-1920x1080.png' });
    expect(errors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  } finally {
    await page.close();
    await service.stop().catch(() => undefined);
  }
});

test('fleet page: the token survives a reload from session storage, and without one the page asks for the link', async ({ browser }) => {
  const service = await FleetFixtureService.start(TOKEN);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.goto(`${service.url}/#token=${TOKEN}`);
    await expect(page.locator('table.terminals tbody tr')).toHaveCount(8);
    await page.reload();
    await expect(page.locator('table.terminals tbody tr')).toHaveCount(8);

    // A wrong token is refused in words, not shown as an empty fleet. (Through another address first:
    // a change of fragment alone would not load the page again.)
    await page.goto('about:blank');
    await page.goto(`${service.url}/#token=not-the-token`);
    await expect(page.getByRole('alert')).toHaveText(/refused the access token \(open the fleet link again\) — no data yet/);

    // A new tab has no session storage of its own: without the link there is nothing to show.
    const other = await context.newPage();
    await other.goto(`${service.url}/`);
    await expect(other.getByText(/needs the access link/)).toBeVisible();
    await other.close();
  } finally {
    await context.close();
    await service.stop();
  }
});
