import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { pairedScreenSchema, type PairedScreen } from '../../../shared/app-api';
import type { Clock } from '../lib/clock';

/** The file in the data directory listing the paired screens (mode 0600; it holds no secret). */
export const PAIRED_SCREENS_FILE = 'paired-screens.json';

/** A screen's last connection is written at most this often: a reconnecting screen must not become a stream of disk writes. */
const LAST_CONNECTED_WRITE_MS = 60_000;

const fileSchema = z.object({ screens: z.array(pairedScreenSchema) });

/**
 * The screens paired with a terminal, kept in its data folder so each keeps its own access across
 * restarts and can be revoked alone. Ids only: a screen's cookie also needs the terminal's secret.
 */
export class PairedScreens {
  private readonly screens = new Map<string, PairedScreen>();
  private pendingWrite: unknown;

  private constructor(
    private readonly file: string,
    private readonly clock: Clock,
    screens: readonly PairedScreen[],
  ) {
    for (const screen of screens) this.screens.set(screen.id, screen);
  }

  /** The kept list; undefined when there is none (a new terminal, or one from before screens had their own access). */
  static read(file: string, clock: Clock): PairedScreens | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let parsed;
    try {
      parsed = fileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    // A damaged list revokes every screen (they pair again) rather than stopping the terminal.
    const list = new PairedScreens(file, clock, parsed?.success ? parsed.data.screens : []);
    if (!parsed?.success) list.write();
    return list;
  }

  static create(file: string, clock: Clock): PairedScreens {
    const list = new PairedScreens(file, clock, []);
    list.write();
    return list;
  }

  has(id: string): boolean {
    return this.screens.has(id);
  }

  list(): PairedScreen[] {
    return [...this.screens.values()].map((screen) => ({ ...screen })).sort((a, b) => a.pairedAt.localeCompare(b.pairedAt));
  }

  add(screen: PairedScreen): void {
    this.screens.set(screen.id, screen);
    this.write();
  }

  remove(id: string): boolean {
    const removed = this.screens.delete(id);
    if (removed) this.write();
    return removed;
  }

  clear(): void {
    this.screens.clear();
    this.write();
  }

  /** Notes a screen's connection now; written within a minute (lost only if the process dies first). */
  connected(id: string): void {
    const screen = this.screens.get(id);
    if (!screen) return;
    screen.lastConnectedAt = new Date(this.clock.now()).toISOString();
    this.pendingWrite ??= this.clock.setTimer(() => this.write(), LAST_CONNECTED_WRITE_MS);
  }

  /** Writes what is pending now (a stopping host). */
  flush(): void {
    if (this.pendingWrite !== undefined) this.write();
  }

  private write(): void {
    if (this.pendingWrite !== undefined) this.clock.clearTimer(this.pendingWrite);
    this.pendingWrite = undefined;
    const temporary = `${this.file}.new`;
    writeFileSync(temporary, `${JSON.stringify({ screens: this.list() }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }
}
