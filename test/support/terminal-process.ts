import { fork, type ChildProcess } from 'node:child_process';
import type { ActionOutcome, RequestName, Result } from '../../shared/app-api';
import type { KdsConfig } from '../../shared/config';
import type { CoreStatus } from '../../shared/core-status';

/** The parent's handle on a terminal running in `terminal-child.ts`. */
export class TerminalProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: unknown) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id: number; answer: unknown }) => {
      this.waiting.get(message.id)?.(message.answer);
      this.waiting.delete(message.id);
    });
  }

  static async start(config: KdsConfig): Promise<TerminalProcess> {
    const child = fork('test/support/terminal-child.ts', [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const terminal = new TerminalProcess(child);
    await new Promise<void>((resolve, reject) => {
      terminal.waiting.set(0, () => resolve());
      child.once('exit', (code) => reject(new Error(`terminal exited with ${code} before it was ready`)));
    });
    return terminal;
  }

  execute(command: unknown): Promise<Result<ActionOutcome>> {
    return this.request('execute', command) as Promise<Result<ActionOutcome>>;
  }

  async status(): Promise<CoreStatus> {
    const result = (await this.request('status')) as Result<CoreStatus>;
    if (!result.ok) throw new Error(result.error);
    return result.value;
  }

  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Any operation of the app API, answered as the terminal answers it. */
  call(name: RequestName, input?: unknown): Promise<Result<unknown>> {
    return this.request(name, input) as Promise<Result<unknown>>;
  }

  private request(name: RequestName, input?: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, name, input });
    });
  }
}

/**
 * The cooks work every ticket: START, the grill line done, BUMP — through the terminal's API.
 * Returns the event ids taken, per "terminal/order", in the order they were taken.
 */
export async function cookEveryTicket(
  terminal: TerminalProcess,
  terminalId: string,
  orderIds: readonly string[],
): Promise<Map<string, string[]>> {
  const taken = new Map<string, string[]>();
  for (const orderId of orderIds) {
    for (const command of [
      { type: 'START', orderId },
      { type: 'ITEM_DONE', orderId, lineId: 'l1' },
      { type: 'BUMP', orderId },
    ]) {
      const result = await terminal.execute(command);
      if (!result.ok) throw new Error(result.error);
      const key = `${terminalId}/${orderId}`;
      taken.set(key, [...(taken.get(key) ?? []), ...result.value.eventIds]);
    }
  }
  return taken;
}
