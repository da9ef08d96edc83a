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
 *
 * Every change is written first (a new file renamed over the old one) and made in memory only
 * once it is on disk: an unpairing that cannot be written fails whole, instead of holding until
 * the next restart brings the screen back.
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
    if (!parsed?.success) list.write(list.list());
    return list;
  }

  static create(file: string, clock: Clock): PairedScreens {
    const list = new PairedScreens(file, clock, []);
    list.write([]);
    return list;
  }

  has(id: string): boolean {
    return this.screens.has(id);
  }

  get(id: string): PairedScreen | undefined {
    return this.screens.get(id);
  }

  /** The first screen of a screen's line: itself when the terminal paired it, else the first of its pairing screen's line. */
  firstOfLine(id: string): string {
    const seen = new Set<string>();
    let screen = this.screens.get(id);
    while (screen?.pairedBy != null && this.screens.has(screen.pairedBy) && !seen.has(screen.id)) {
      seen.add(screen.id);
      screen = this.screens.get(screen.pairedBy);
    }
    return screen?.id ?? id;
  }

  list(): PairedScreen[] {
    return [...this.screens.values()].map((screen) => ({ ...screen })).sort((a, b) => a.pairedAt.localeCompare(b.pairedAt));
  }

  /** Adds a screen once it is written (throws, adding nothing, when it cannot be). */
  add(screen: PairedScreen): void {
    this.write([...this.list(), screen]);
    this.screens.set(screen.id, screen);
  }

  /**
   * Removes a screen and every screen it paired, theirs in turn, once that is written (throws,
   * removing nothing, when it cannot be). Answers the ids removed; none when there is no such screen.
   */
  remove(id: string): string[] {
    if (!this.screens.has(id)) return [];
    const removed = new Set([id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const screen of this.screens.values())
        if (screen.pairedBy !== null && removed.has(screen.pairedBy) && !removed.has(screen.id)) {
          removed.add(screen.id);
          grew = true;
        }
    }
    this.write(this.list().filter((screen) => !removed.has(screen.id)));
    for (const gone of removed) this.screens.delete(gone);
    return [...removed];
  }

  /** Removes every screen. In memory even when the write fails (a rotation's new secret refuses them all anyway); then throws. */
  clear(): void {
    this.screens.clear();
    this.write([]);
  }

  /** Notes a screen's connection now; written within a minute (lost only if the process dies first). */
  connected(id: string): void {
    const screen = this.screens.get(id);
    if (!screen) return;
    screen.lastConnectedAt = new Date(this.clock.now()).toISOString();
    this.pendingWrite ??= this.clock.setTimer(() => {
      try {
        this.write(this.list());
      } catch {
        // Only last connections were pending: the next change writes them again.
      }
    }, LAST_CONNECTED_WRITE_MS);
  }

  /** Writes what is pending now (a stopping host). */
  flush(): void {
    if (this.pendingWrite !== undefined) this.write(this.list());
  }

  private write(screens: readonly PairedScreen[]): void {
    const temporary = `${this.file}.new`;
    const stored = screens.map(({ pinSuspendedUntil: _inListsOnly, ...screen }) => screen);
    writeFileSync(temporary, `${JSON.stringify({ screens: stored }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
    if (this.pendingWrite !== undefined) this.clock.clearTimer(this.pendingWrite);
    this.pendingWrite = undefined;
  }
}
