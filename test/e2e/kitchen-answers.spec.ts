import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import type { KitchenEvent } from '../../shared/kitchen-events';
import type { OrderEvent, OrderItem } from '../../shared/order-events';
import { testConfig } from '../support/core-harness';
import { orderSnapshot, placedOrder } from '../support/events';
import { orderLine } from '../support/fixtures';
import { readTopicWithKcat } from '../support/kcat';
import { act, kitchenEventsOf } from '../support/kitchen-fixtures';
import type { KitchenHost } from './kitchen-host';
import { chimes, countChimes, openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();
const bootstrap = (): string => process.env.KDS_TEST_BOOTSTRAP ?? '';

const burger = (lineId = 'l1'): OrderItem => orderLine(lineId, 'Cheeseburger', 'grill', { quantity: 2 });
const fries = (lineId = 'l2'): OrderItem => orderLine(lineId, 'Fries', 'fry');

/** A delivery order the platform cancels unless the kitchen answers within `deadlineMs` (no deadline: none expected). */
const placed = (orderId: string, items: OrderItem[], deadlineMs?: number): OrderEvent =>
  placedOrder(orderId, {
    occurredAt: new Date().toISOString(),
    order: orderSnapshot({
      displayNumber: orderId.toUpperCase(),
      channel: 'DELIVERY',
      table: null,
      customerName: 'Sam',
      items,
      ...(deadlineMs === undefined ? {} : { acceptBy: new Date(Date.now() + deadlineMs).toISOString() }),
    }),
  });

/** A grill screen and an expo screen of one kitchen (two terminals on the same topics), each in its own page. */
async function grillAndExpo(
  browser: Browser,
  options: { expoPin?: boolean } = {},
): Promise<{ grill: KitchenHost; expo: KitchenHost; grillPage: Page; expoPage: Page }> {
  const grillConfig = testConfig(bootstrap(), { terminalId: 'grill-1', stations: ['grill'] });
  const grill = await startHost({ config: grillConfig, createTopics: true });
  const expoConfig = testConfig(bootstrap(), {
    env: grillConfig.env,
    terminalId: 'expo-1',
    ...(options.expoPin ? { answers: { pausePin: true } } : {}),
  });
  const expo = await startHost({ config: options.expoPin ? { ...expoConfig, diagnosticsPin: PIN } : expoConfig });
  const grillPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const expoPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  return { grill, expo, grillPage, expoPage };
}
const PIN = '4711';

/** Every `ticketsShown` report a page sends over its socket, in order. */
function shownReports(page: Page): string[][] {
  const reports: string[][] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { name?: string; input?: { orderIds?: string[] } };
      if (message.name === 'ticketsShown') reports.push(message.input?.orderIds ?? []);
    }),
  );
  return reports;
}

async function kitchenTopic(host: KitchenHost): Promise<KitchenEvent[]> {
  return kitchenEventsOf(await readTopicWithKcat(bootstrap(), host.config.topics.kitchenEvents));
}
const eventsOf = (events: KitchenEvent[], type: string, orderId: string) =>
  events.filter((event) => event.type === type && event.orderId === orderId);

/** The ticket's answer band (countdown, buttons, or what was answered). */
const answerOf = (ticket: Locator) => ticket.getByRole('region', { name: /^Answer/ });

/** A press held like a cook's finger: down, 0.8 s, up. */
/**
 * Holds the pointer on `target` until `opens` is on screen, as a cook holds a finger until the sheet
 * appears (a fixed hold can be shorter than the press on a busy machine, whose page handles the press
 * late); the line must not have moved under the finger meanwhile.
 */
async function longPress(page: Page, target: Locator, opens: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('not on screen');
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  await page.mouse.down();
  await expect(opens).toBeVisible({ timeout: 10_000 });
  expect(await target.boundingBox()).toEqual(box);
  await page.mouse.up();
}

const hhmm = (iso: string): string => {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
};
/** An 86's end in a cook's words: one in the day's last minute reads as the rest of the day (a 30-min 86 taken at 23:29 too). */
const untilWords = (iso: string): string => (hhmm(iso) === '23:59' ? 'for the rest of the day' : `until ${hhmm(iso)}`);

test('an order with a 3-minute deadline counts down and chimes on grill, expo accepts it with the quote, grill shows it answered; a lost race is said on the loser', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { grill, expo, grillPage, expoPage } = await grillAndExpo(browser);
  await countChimes(grillPage);
  const grillReports = shownReports(grillPage);
  await grillPage.clock.install({ time: Date.now() });
  await openScreen(grillPage, grill);
  await openScreen(expoPage, expo);

  const order = placed('ans-1', [burger(), fries()], 180_000);
  const acceptBy = Date.parse(order.order?.acceptBy ?? '');
  await grill.produce([order]);
  const onGrill = grillPage.getByRole('article', { name: 'Ticket ANS-1' });
  const onExpo = expoPage.getByRole('article', { name: 'Ticket ANS-1' });
  await expect(onGrill).toBeVisible({ timeout: 20_000 });
  await expect(onExpo).toBeVisible({ timeout: 20_000 });
  expect(acceptBy).toBeGreaterThan(Date.now());

  // Waiting: a big mm:ss countdown to the deadline, Accept and Reject.
  const waiting = answerOf(onGrill);
  await expect(waiting).toContainText('Answer in');
  await expect(waiting.getByRole('timer')).toHaveText(/^0[23]:\d\d$/);
  await expect(waiting.getByRole('button', { name: 'Accept' })).toBeVisible();
  await expect(waiting.getByRole('button', { name: 'Reject' })).toBeVisible();
  await grillPage.screenshot({ path: 'test-results/e2e/answers-waiting-1280x800.png' });

  // The grill screen's clock moves on to the last minute: urgent, said in words too.
  await grillPage.clock.pauseAt(acceptBy - 62_000);
  await expect(waiting.getByRole('timer')).toHaveText('01:02');
  await expect(waiting).not.toHaveClass(/answer--urgent/);
  await grillPage.clock.runFor(2_000);
  await expect(waiting.getByRole('timer')).toHaveText('01:00');
  await expect(waiting).toHaveClass(/answer--urgent/);
  await expect(waiting).toContainText('Answer now');
  // …and it chimes every 5 s while it waits.
  const chimesWaiting = await chimes(grillPage);
  await grillPage.clock.runFor(10_000);
  await expect.poll(() => chimes(grillPage)).toBeGreaterThanOrEqual(chimesWaiting + 2);
  expect(await chimes(grillPage)).toBeLessThanOrEqual(chimesWaiting + 3);
  await grillPage.screenshot({ path: 'test-results/e2e/answers-urgent-1280x800.png' });

  // Expo accepts with the kitchen's quote, 5 minutes more.
  await answerOf(onExpo).getByRole('button', { name: 'Accept' }).click();
  const panel = expoPage.getByRole('dialog', { name: 'Accept ANS-1' });
  const minutes = panel.getByRole('status', { name: 'Prep time' });
  await expect(minutes).toHaveText(/^\d+ min$/);
  const quoted = Number.parseInt((await minutes.textContent()) ?? '', 10);
  await expect(panel).toContainText(`Kitchen's quote: ${quoted} min`);
  const stations = panel.getByRole('table');
  await expect(stations.getByRole('row')).toHaveCount(3);
  await expect(stations.getByRole('rowheader')).toHaveText(['fry', 'grill']);
  await expect(panel).toContainText(/\d+ items have no cook time|item has no cook time/);
  await expect(panel).toContainText(/Ready by \d\d:\d\d/);
  await expoPage.screenshot({ path: 'test-results/e2e/answers-accept-panel-1280x800.png' });
  await panel.getByRole('button', { name: '+5' }).click();
  await expect(minutes).toHaveText(`${quoted + 5} min`);
  await panel.getByRole('button', { name: `Accept · ${quoted + 5} min` }).click();
  await expect(panel).toHaveCount(0);
  await expect(answerOf(onExpo)).toContainText(new RegExp(`^Accepted · ready by \\d\\d:\\d\\d \\(${quoted + 5} min\\)$`), {
    timeout: 10_000,
  });
  // Grill sees the kitchen's answer, given on expo; the chime stops.
  await expect(answerOf(onGrill)).toContainText(new RegExp(`^Accepted on expo-1 · ready by \\d\\d:\\d\\d \\(${quoted + 5} min\\)$`), {
    timeout: 10_000,
  });
  await expect(answerOf(onGrill).getByRole('button', { name: 'Accept' })).toHaveCount(0);
  const chimesAnswered = await chimes(grillPage);
  await grillPage.clock.runFor(11_000);
  expect(await chimes(grillPage)).toBe(chimesAnswered);
  await grillPage.screenshot({ path: 'test-results/e2e/answers-accepted-elsewhere-1280x800.png' });

  // On the topic: one acceptance with the chosen minutes and the quote it was made from; shown once per part.
  await expect
    .poll(async () => eventsOf(await kitchenTopic(grill), 'ORDER_ACCEPTED', 'ans-1').map((event) => event.prepMinutes), { timeout: 15_000 })
    .toEqual([quoted + 5]);
  await expect
    .poll(
      async () =>
        eventsOf(await kitchenTopic(grill), 'TICKET_SHOWN', 'ans-1')
          .map((event) => event.station ?? 'expo')
          .sort(),
      {
        timeout: 15_000,
      },
    )
    .toEqual(['expo', 'grill']);
  expect(grillReports.flat().filter((orderId) => orderId === 'ans-1')).toHaveLength(1);

  // Both terminals answer the next order at once: the kitchen's first answer counts, the other screen is told.
  await grill.produce([placed('ans-2', [burger(), fries()], 600_000)]);
  await expect(expoPage.getByRole('article', { name: 'Ticket ANS-2' })).toBeVisible({ timeout: 20_000 });
  await expect(grillPage.getByRole('article', { name: 'Ticket ANS-2' })).toBeVisible({ timeout: 20_000 });
  await Promise.all([
    act(expo.terminal, { type: 'ACCEPT_ORDER', orderId: 'ans-2', prepMinutes: 15 }),
    act(grill.terminal, { type: 'REJECT_ORDER', orderId: 'ans-2', reason: 'Too busy', outOfStockLineIds: [] }),
  ]);
  const decided = async (host: KitchenHost) => {
    const snapshot = await host.terminal.api.snapshot(undefined);
    if (!snapshot.ok) throw new Error(snapshot.error);
    return snapshot.value.tickets.find((ticket) => ticket.orderId === 'ans-2')?.acceptance ?? null;
  };
  await expect.poll(async () => (await decided(grill))?.overruled || (await decided(expo))?.overruled, { timeout: 15_000 }).toBe(true);
  const expoLost = (await decided(expo))?.overruled === true;
  const [loserPage, winner] = expoLost ? [expoPage, 'grill-1'] : [grillPage, 'expo-1'];
  const onLoser = loserPage.getByRole('article', { name: 'Ticket ANS-2' });
  await expect(onLoser.getByRole('alert')).toHaveText(`Already answered on ${winner} — your answer was not sent`);
  await expect(answerOf(onLoser)).toContainText(expoLost ? 'Rejected on grill-1 — Too busy' : 'Accepted on expo-1');
  await onLoser.scrollIntoViewIfNeeded();
  await loserPage.screenshot({ path: 'test-results/e2e/answers-overruled-1280x800.png' });

  await grillPage.setViewportSize({ width: 800, height: 480 });
  await expoPage.setViewportSize({ width: 800, height: 480 });
  await grill.produce([placed('ans-3', [burger('l9')], 240_000)]);
  await expect(expoPage.getByRole('article', { name: 'Ticket ANS-3' })).toBeVisible({ timeout: 20_000 });
  await expoPage.screenshot({ path: 'test-results/e2e/answers-waiting-800x480.png' });
  await answerOf(expoPage.getByRole('article', { name: 'Ticket ANS-3' }))
    .getByRole('button', { name: 'Accept' })
    .click();
  await expect(expoPage.getByRole('dialog', { name: 'Accept ANS-3' }).getByRole('status', { name: 'Prep time' })).toHaveText(/^\d+ min$/);
  await expoPage.screenshot({ path: 'test-results/e2e/answers-accept-panel-800x480.png' });
  await Promise.all([grillPage.close(), expoPage.close()]);
});

test('a rejected order with an out-of-stock line: the reason and the line told to the platform, the item 86ed for the rest of the day', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { grill, expo, grillPage, expoPage } = await grillAndExpo(browser);
  await openScreen(expoPage, expo);
  await openScreen(grillPage, grill);
  await expo.produce([placed('rej-1', [burger(), fries()], 600_000)]);
  const onExpo = expoPage.getByRole('article', { name: 'Ticket REJ-1' });
  await expect(onExpo).toBeVisible({ timeout: 20_000 });

  await answerOf(onExpo).getByRole('button', { name: 'Reject' }).click();
  const panel = expoPage.getByRole('dialog', { name: 'Reject REJ-1' });
  await expect(panel.getByRole('button', { name: 'Choose a reason' })).toBeDisabled();
  // Ticking the line the kitchen is out of chooses "Out of stock" for the cook.
  await panel.getByRole('list', { name: 'Out of stock lines' }).getByRole('button', { name: /Fries/ }).click();
  await expect(panel.getByRole('button', { name: 'Out of stock', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('list', { name: 'Out of stock lines' }).getByRole('button', { name: /Fries/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expoPage.screenshot({ path: 'test-results/e2e/answers-reject-panel-1280x800.png' });
  await panel.getByRole('button', { name: 'Reject · Out of stock' }).click();
  await expect(panel).toHaveCount(0);
  await expect(answerOf(onExpo)).toHaveText('Rejected — Out of stock', { timeout: 10_000 });
  // Grill sees the kitchen's answer too.
  await expect(answerOf(grillPage.getByRole('article', { name: 'Ticket REJ-1' }))).toHaveText('Rejected on expo-1 — Out of stock', {
    timeout: 10_000,
  });

  // Fries are 86'd for the rest of the day on every screen: struck in the all-day panel, flagged on the ticket.
  const allDay = expoPage.getByRole('complementary', { name: 'All day' });
  const eightySixed = allDay.getByRole('list', { name: "86'd items" });
  await expect(eightySixed.getByRole('listitem')).toHaveText([/^86 Friesfor the rest of the dayBack$/]);
  await expect(onExpo.locator('li.item', { hasText: 'Fries' })).toHaveClass(/item--86/);
  await expect(onExpo.locator('li.item', { hasText: 'Fries' })).toContainText('86');
  await expect(onExpo.locator('li.item', { hasText: 'Cheeseburger' })).not.toHaveClass(/item--86/);
  await expoPage.screenshot({ path: 'test-results/e2e/answers-rejected-1280x800.png' });
  await expoPage.setViewportSize({ width: 800, height: 480 });
  await expoPage.screenshot({ path: 'test-results/e2e/answers-rejected-800x480.png' });

  await expect
    .poll(async () => eventsOf(await kitchenTopic(expo), 'ORDER_REJECTED', 'rej-1').map((event) => [event.reason, event.outOfStock]), {
      timeout: 15_000,
    })
    .toEqual([['Out of stock', [{ lineId: 'l2', name: 'Fries' }]]]);
  await Promise.all([grillPage.close(), expoPage.close()]);
});

test('an 86 from grill (long press on a line) is struck on expo and flagged on the next ticket with the item; expo brings it back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { grill, expo, grillPage, expoPage } = await grillAndExpo(browser);
  await openScreen(grillPage, grill);
  await openScreen(expoPage, expo);
  await grill.produce([placed('e86-1', [burger(), fries()])]);
  const onGrill = grillPage.getByRole('article', { name: 'Ticket E86-1' });
  await expect(onGrill).toBeVisible({ timeout: 20_000 });
  await expect(expoPage.getByRole('article', { name: 'Ticket E86-1' })).toBeVisible({ timeout: 20_000 });
  // An order with no deadline shows no answer band.
  await expect(answerOf(onGrill)).toHaveCount(0);

  // A long press on the line asks to 86 the item; the press does not strike the line.
  const burgerLine = onGrill.getByRole('button', { name: /Cheeseburger/ });
  const dialog = grillPage.getByRole('dialog', { name: '86 Cheeseburger' });
  await longPress(grillPage, burgerLine, dialog);
  await expect(dialog).toContainText('86 Cheeseburger?');
  await grillPage.screenshot({ path: 'test-results/e2e/answers-86-dialog-1280x800.png' });
  await dialog.getByRole('button', { name: '30 min' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(onGrill.locator('li.item', { hasText: 'Cheeseburger' })).not.toHaveClass(/item--done/);

  // Expo: struck in the all-day panel with until when, and flagged on the ticket already on screen.
  await expect.poll(() => grill.terminal.status().kitchen.unavailableItems.map((entry) => entry.item)).toEqual(['Cheeseburger']);
  const until = grill.terminal.status().kitchen.unavailableItems[0]?.until ?? '';
  const allDay = expoPage.getByRole('complementary', { name: 'All day' });
  await expect(allDay.getByRole('list', { name: "86'd items" }).getByRole('listitem')).toHaveText([
    `86 Cheeseburger${untilWords(until)}Back`,
  ]);
  await expect(allDay.locator('.all-day__row--86')).toContainText('Cheeseburger');
  await expect(allDay.getByRole('button', { name: '86 Cheeseburger' })).toHaveCount(0);
  await expect(expoPage.getByRole('article', { name: 'Ticket E86-1' }).locator('li.item', { hasText: 'Cheeseburger' })).toHaveClass(
    /item--86/,
    { timeout: 10_000 },
  );

  // The next ticket with the item is flagged on both screens: a badge in words and an outline.
  await grill.produce([placed('e86-2', [burger('b1'), fries('f1')])]);
  for (const page of [grillPage, expoPage]) {
    const line = page.getByRole('article', { name: 'Ticket E86-2' }).locator('li.item', { hasText: 'Cheeseburger' });
    await expect(line).toHaveClass(/item--86/, { timeout: 20_000 });
    await expect(line.locator('.item__86')).toHaveText('86');
    await expect(line).toContainText('Out of stock');
    await expect(line).toHaveCSS('outline-style', 'solid');
  }
  await expect(expoPage.getByRole('article', { name: 'Ticket E86-2' }).locator('li.item', { hasText: 'Fries' })).not.toHaveClass(
    /item--86/,
  );
  await expoPage.screenshot({ path: 'test-results/e2e/answers-86-expo-1280x800.png' });
  // A long press on a line already 86'd says until when, and offers to bring it back; Escape changes nothing.
  const again = grillPage.getByRole('dialog', { name: '86 Cheeseburger' });
  await longPress(grillPage, grillPage.getByRole('article', { name: 'Ticket E86-2' }).getByRole('button', { name: /Cheeseburger/ }), again);
  await expect(again).toContainText(`Already 86'd ${untilWords(until)}`);
  await expect(again.getByRole('button', { name: 'Back in stock' })).toBeVisible();
  await grillPage.keyboard.press('Escape');
  await expect(again).toHaveCount(0);
  await grillPage.setViewportSize({ width: 800, height: 480 });
  await grillPage.screenshot({ path: 'test-results/e2e/answers-86-grill-800x480.png' });

  // Expo 86s fries from the all-day panel for an hour, and brings the burger back.
  await allDay.getByRole('button', { name: '86 Fries' }).click();
  await expoPage.getByRole('dialog', { name: '86 Fries' }).getByRole('button', { name: '60 min' }).click();
  await expect(allDay.getByRole('list', { name: "86'd items" }).getByRole('listitem')).toHaveCount(2);
  await allDay.getByRole('button', { name: 'Back in stock: Cheeseburger' }).click();
  await expect(allDay.getByRole('list', { name: "86'd items" }).getByRole('listitem')).toHaveText([/^86 Friesuntil \d\d:\d\dBack$/]);
  await expect(grillPage.getByRole('article', { name: 'Ticket E86-2' }).locator('li.item', { hasText: 'Cheeseburger' })).not.toHaveClass(
    /item--86/,
    { timeout: 10_000 },
  );
  await expect
    .poll(() => grill.terminal.status().kitchen.unavailableItems.map((entry) => entry.item), { timeout: 10_000 })
    .toEqual(['Fries']);
  // After a long press, a tap on the line still strikes it.
  await burgerLine.click();
  await expect(onGrill.locator('li.item', { hasText: 'Cheeseburger' })).toHaveClass(/item--done/);
  await Promise.all([grillPage.close(), expoPage.close()]);
});

test("an 86 and a pause that run out leave the screen at their time, without waiting for the core's next status", async ({ page }) => {
  const expo = await startHost({ config: testConfig(bootstrap(), { terminalId: 'expo-1' }), createTopics: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.clock.install({ time: Date.now() });
  await openScreen(page, expo);
  await expo.produce([placed('run-1', [burger(), fries()])]);
  const friesLine = page.getByRole('article', { name: 'Ticket RUN-1' }).locator('li.item', { hasText: 'Fries' });
  await expect(friesLine).toBeVisible({ timeout: 20_000 });
  await act(expo.terminal, { type: 'SET_ITEM_AVAILABILITY', item: 'Fries', available: false, forMinutes: 30 });
  await act(expo.terminal, { type: 'PAUSE_KITCHEN', minutes: 15 });
  await expect(friesLine).toHaveClass(/item--86/, { timeout: 10_000 });
  await expect(page.locator('.status-bar')).toContainText('Paused on the platform until', { timeout: 10_000 });

  await page.clock.fastForward('15:01');
  await expect(page.locator('.status-bar')).not.toContainText('Paused on the platform');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(friesLine).toHaveClass(/item--86/);
  await page.clock.fastForward('15:00');
  await expect(friesLine).not.toHaveClass(/item--86/);
  await expect(page.getByRole('list', { name: "86'd items" })).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'All day' }).getByRole('button', { name: '86 Fries' })).toBeVisible();
});

test('an accepted order running behind its promise: expo is offered a new prep time in one tap, which the platform is told', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const expo = await startHost({
    config: testConfig(bootstrap(), { terminalId: 'expo-1', answers: { behindMinutes: 1 } }),
    createTopics: true,
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScreen(page, expo);
  await expo.produce([placed('late-1', [burger(), fries()], 600_000)]);
  const ticket = page.getByRole('article', { name: 'Ticket LATE-1' });
  await expect(ticket).toBeVisible({ timeout: 20_000 });

  // Promised far too soon: −5 goes no lower than 1 minute.
  await answerOf(ticket).getByRole('button', { name: 'Accept' }).click();
  const panel = page.getByRole('dialog', { name: 'Accept LATE-1' });
  await expect(panel.getByRole('status', { name: 'Prep time' })).toHaveText(/^\d+ min$/);
  for (let tap = 0; tap < 3; tap += 1) await panel.getByRole('button', { name: '−5' }).click();
  await expect(panel.getByRole('status', { name: 'Prep time' })).toHaveText('1 min');
  await panel.getByRole('button', { name: 'Accept · 1 min' }).click();
  await expect(answerOf(ticket)).toContainText('(1 min)', { timeout: 10_000 });

  // The kitchen falls behind: expo is proposed what the order still needs.
  const tell = answerOf(ticket).getByRole('button', { name: /^Tell platform: \d+ min$/ });
  await expect(tell).toBeVisible({ timeout: 20_000 });
  await expect(answerOf(ticket)).toContainText('Behind the promised time');
  const proposed = Number.parseInt(((await tell.textContent()) ?? '').replace(/\D+/g, ''), 10);
  await page.screenshot({ path: 'test-results/e2e/answers-behind-1280x800.png' });
  await tell.click();
  await expect(answerOf(ticket)).toContainText(`(${proposed} min)`, { timeout: 10_000 });
  await expect(tell).toHaveCount(0, { timeout: 15_000 });
  await expect
    .poll(async () => eventsOf(await kitchenTopic(expo), 'PREP_TIME_UPDATED', 'late-1').map((event) => event.prepMinutes), {
      timeout: 15_000,
    })
    .toEqual([proposed]);
});

test('the kitchen paused on the platform from the status bar, with the PIN; said until when on every screen, then resumed', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { grill, expo, grillPage, expoPage } = await grillAndExpo(browser, { expoPin: true });
  await openScreen(expoPage, expo);
  await openScreen(grillPage, grill);

  await expoPage.getByRole('button', { name: 'Pause', exact: true }).click();
  const dialog = expoPage.getByRole('dialog', { name: 'Pause the kitchen' });
  await expect(dialog.getByRole('button', { name: '30 min' })).toBeDisabled();
  await dialog.getByLabel('PIN').fill('0000');
  await dialog.getByRole('button', { name: '30 min' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Not done: wrong PIN');
  await expoPage.screenshot({ path: 'test-results/e2e/answers-pause-wrong-pin-1280x800.png' });
  await dialog.getByLabel('PIN').fill(PIN);
  await dialog.getByRole('button', { name: '30 min' }).click();
  await expect(dialog).toHaveCount(0);
  // The wrong PIN's refusal goes with the success: it must not cover the status bar that now says "Paused".
  await expect(expoPage.locator('.screen-top').getByRole('alert').filter({ hasText: 'Pause kitchen — not done' })).toHaveCount(0);

  const pausedUntil = expo.terminal.status().kitchen.pausedUntil;
  expect(pausedUntil).not.toBeNull();
  for (const page of [expoPage, grillPage])
    await expect(page.locator('.status-bar')).toContainText(`Paused on the platform until ${hhmm(pausedUntil ?? '')}`, { timeout: 10_000 });
  await expect(grillPage.getByRole('button', { name: 'Pause', exact: true })).toHaveCount(0);
  await expoPage.screenshot({ path: 'test-results/e2e/answers-paused-1280x800.png' });
  await expoPage.setViewportSize({ width: 800, height: 480 });
  await expoPage.screenshot({ path: 'test-results/e2e/answers-paused-800x480.png' });

  // Resuming asks for the PIN too on this terminal; grill's terminal does not ask for one.
  await expoPage.getByRole('button', { name: 'Resume' }).click();
  const resume = expoPage.getByRole('dialog', { name: 'Resume the kitchen' });
  await resume.getByLabel('PIN').fill(PIN);
  await resume.getByRole('button', { name: 'Resume now' }).click();
  await expect(resume).toHaveCount(0);
  for (const page of [expoPage, grillPage]) {
    await expect(page.locator('.status-bar')).not.toContainText('Paused on the platform', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  }
  expect(expo.terminal.status().kitchen.pausedUntil).toBeNull();
  await Promise.all([grillPage.close(), expoPage.close()]);
});
