import { expect, test } from '@playwright/test';
import type { OrderEvent } from '../../shared/order-events';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { chimes, countChimes, grillAndExpoHosts, openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

const withName = (orderId: string, number: string): OrderEvent => {
  const placed = grillAndFryOrder(orderId);
  if (!placed.order) throw new Error('the fixture has a snapshot');
  return { ...placed, order: { ...placed.order, displayNumber: number, customerName: 'Alice Secret' } };
};

test("the guest board on grill's terminal: numbers preparing, one moved to Ready by expo's bump on another terminal within a second, chimed and highlighted; the board's session can read nothing else", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { grill, expo } = await grillAndExpoHosts(startHost);

  const expoPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openScreen(expoPage, expo);
  // The board's link, as "Pair a guest board" on a kitchen screen gives it (code in the fragment).
  const pairing = await grill.terminal.api.pairScreen({ scope: 'board' });
  if (!pairing.ok || !pairing.value.url) throw new Error('no board pairing link');
  expect(pairing.value.url).toMatch(/\/board#pair=\d{8}$/);
  const boardPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await countChimes(boardPage);
  await boardPage.goto(pairing.value.url);
  const preparing = boardPage.getByRole('list', { name: 'Preparing numbers' });
  const ready = boardPage.getByRole('list', { name: 'Ready numbers' });
  await expect(boardPage.getByRole('heading', { name: 'Preparing' })).toBeVisible({ timeout: 20_000 });

  await grill.produce([withName('gb-1', '41'), withName('gb-2', '42'), withName('gb-3', '43')]);
  await expect(preparing.getByRole('listitem')).toHaveText(['41', '42', '43'], { timeout: 20_000 });
  await expect(ready.getByRole('listitem')).toHaveCount(0);
  const onExpo = expoPage.getByRole('article', { name: 'Ticket 42' });
  await expect(onExpo).toBeVisible({ timeout: 20_000 });
  const chimesBefore = await chimes(boardPage);

  const tappedAt = Date.now();
  await onExpo.getByRole('button', { name: 'Bump' }).click();
  await expect(ready.getByRole('listitem')).toHaveText(['42'], { timeout: 1_000 });
  const movedAfter = Date.now() - tappedAt;
  console.log(`guest board: expo bump on one terminal → number under Ready on the other terminal's board in ${movedAfter} ms`);
  await expect(preparing.getByRole('listitem')).toHaveText(['41', '43']);
  await expect(ready.getByRole('listitem').first()).toHaveClass(/guest-board__number--new/);
  await expect.poll(() => chimes(boardPage)).toBe(chimesBefore + 1);
  await expect(boardPage.locator('body')).not.toContainText(/Alice|Cheeseburger|Fries|Dine/);
  await boardPage.screenshot({ path: 'test-results/e2e/guest-board-1920x1080.png' });

  // The board's session reads the board and nothing else, whatever a script on the page tries.
  const tried = await boardPage.evaluate(async (host) => {
    const snapshot = (await fetch('/api/snapshot')).status;
    const kitchenSocket = await new Promise<string>((done) => {
      const socket = new WebSocket(`ws://${host}/ws`);
      socket.onopen = () => done('opened');
      socket.onerror = () => done('refused');
    });
    const command = await new Promise<unknown>((done) => {
      const socket = new WebSocket(`ws://${host}/ws/board`);
      socket.onopen = () =>
        socket.send(JSON.stringify({ kind: 'request', id: 1, name: 'execute', input: { type: 'BUMP', orderId: 'gb-1' } }));
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { kind: string };
        if (message.kind === 'response') done(message);
      };
    });
    return { snapshot, kitchenSocket, command };
  }, new URL(pairing.value.url).host);
  expect(tried).toEqual({
    snapshot: 403,
    kitchenSocket: 'refused',
    command: { kind: 'response', id: 1, result: { ok: false, error: expect.stringMatching(/guest board/) } },
  });
  await expect(expoPage.getByRole('article', { name: 'Ticket 41' })).toBeVisible();
  // The kitchen's page opened with the board's session goes to the board.
  await boardPage.goto(pairing.value.url.replace(/board#.*$/, ''));
  await expect(boardPage).toHaveURL(/\/board$/);
  await expect(ready.getByRole('listitem')).toHaveText(['42'], { timeout: 10_000 });
  await Promise.all([expoPage.close(), boardPage.close()]);
});
