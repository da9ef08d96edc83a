import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { grillAndFryOrder } from '../support/kitchen-fixtures';
import { openScreen, useKitchenHosts } from './screens';

const startHost = useKitchenHosts();

/** Another web page on the same machine: any site a browser on the terminal has open. */
async function hostilePage(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>somewhere else</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

test('a page from another origin cannot read or drive the kitchen: its WebSocket and fetch are refused, the ticket stays', async ({
  browser,
}) => {
  const host = await startHost({});
  await host.produce([grillAndFryOrder('ord-h1')]);
  // One browser profile: a page the kitchen's browser also has open would send the screen's cookie (same site, other port).
  const kitchen = await (await browser.newContext()).newPage();
  await openScreen(kitchen, host);
  const ticket = kitchen.getByRole('article', { name: 'Ticket ORD-H1' });
  await expect(ticket).toBeVisible({ timeout: 20_000 });

  const { server, url } = await hostilePage();
  try {
    const attacker = await kitchen.context().newPage();
    await attacker.goto(url);
    const outcome = await attacker.evaluate(async (target) => {
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${target}/ws`);
        ws.onopen = () => {
          ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'execute', input: { type: 'BUMP', orderId: 'ord-h1' } }));
          resolve('opened');
        };
        ws.onerror = () => resolve('refused');
      });
      const read = await fetch(`http://${target}/api/snapshot`)
        .then((response) => response.text())
        .catch(() => 'blocked');
      return { socket, read };
    }, new URL(host.url).host);
    expect(outcome.socket).toBe('refused');
    expect(outcome.read).toBe('blocked');
    await expect(ticket).toBeVisible();
    await attacker.close();
  } finally {
    server.close();
  }
  // The kitchen's own screen still works: a bump from it is taken.
  await ticket.getByRole('button', { name: 'Bump' }).click();
  await expect(ticket).toHaveCount(0);
});
