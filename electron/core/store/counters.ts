import type { Db } from './open-database';

/** Outcome counters ("records.applied", "kitchen.unchanged"), shown in diagnostics. */
export class Counters {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      bump: db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value'),
      all: db.prepare('SELECT name, value FROM counters'),
    };
  }

  bump(counts: ReadonlyMap<string, number>): void {
    for (const [name, value] of counts) if (value !== 0) this.statements.bump.run(name, value);
  }

  all(): Record<string, number> {
    return Object.fromEntries((this.statements.all.all() as { name: string; value: number }[]).map((r) => [r.name, r.value]));
  }
}
