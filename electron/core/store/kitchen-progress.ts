import type { KitchenEvent } from '../../../shared/kitchen-events';
import type { Db } from './open-database';
import {
  courseFireWins,
  lineEventWins,
  occurredIso,
  progressAfter,
  progressShows,
  sameProgress,
} from '../kitchen-model/apply-kitchen-event';
import { NO_PROGRESS, scopeOf, type KitchenState, type ScopeProgress } from '../kitchen-model/kitchen-state';
import { stampIso, stampOf } from '../kitchen-model/stamps';

interface ProgressRow {
  scope: string;
  started_at: string | null;
  bumped: number;
  bump_stamp: string;
  bumped_version: number | null;
  void_acknowledged: number;
}

function toProgress(row: ProgressRow): ScopeProgress {
  return {
    startedAt: row.started_at,
    bumped: row.bumped === 1,
    bumpStamp: row.bump_stamp,
    bumpedVersion: row.bumped_version,
    voidAcknowledged: row.void_acknowledged === 1,
  };
}

/**
 * What cooks did, on this screen or any other of the kitchen, stored. Which event wins is the
 * kitchen model's rule (kitchen-model/apply-kitchen-event.ts: last writer wins, starts keep the
 * earliest time, void acknowledgements never revert); this class reads and writes the rows.
 * Runs inside the caller's transaction.
 */
export class KitchenProgress {
  private readonly statements;
  constructor(db: Db) {
    this.statements = {
      progress: db.prepare(
        'SELECT scope, started_at, bumped, bump_stamp, bumped_version, void_acknowledged FROM ticket_progress WHERE order_id = ? ORDER BY scope',
      ),
      scopeProgress: db.prepare(
        'SELECT scope, started_at, bumped, bump_stamp, bumped_version, void_acknowledged FROM ticket_progress WHERE order_id = ? AND scope = ?',
      ),
      saveProgress:
        db.prepare(`INSERT INTO ticket_progress (order_id, scope, started_at, bumped, bump_stamp, bumped_version, void_acknowledged)
        VALUES (@orderId, @scope, @startedAt, @bumped, @bumpStamp, @bumpedVersion, @voidAcknowledged)
        ON CONFLICT (order_id, scope) DO UPDATE SET started_at = excluded.started_at, bumped = excluded.bumped,
          bump_stamp = excluded.bump_stamp, bumped_version = excluded.bumped_version, void_acknowledged = excluded.void_acknowledged`),
      doneLines: db.prepare('SELECT line_id, stamp FROM line_progress WHERE order_id = ? AND done = 1'),
      courseFires: db.prepare('SELECT course, fired_at FROM course_fires WHERE order_id = ?'),
      courseFiresOf: db.prepare('SELECT order_id, course, fired_at FROM course_fires WHERE order_id IN (SELECT value FROM json_each(?))'),
      courseFiredAt: db.prepare('SELECT fired_at FROM course_fires WHERE order_id = ? AND course = ?').pluck(),
      fireCourse: db.prepare(`INSERT INTO course_fires (order_id, course, fired_at) VALUES (?, ?, ?)
        ON CONFLICT (order_id, course) DO UPDATE SET fired_at = excluded.fired_at`),
      forgetCourses: db.prepare('DELETE FROM course_fires WHERE order_id = ?'),
      progressOf: db.prepare(
        `SELECT order_id, scope, started_at, bumped, bump_stamp, bumped_version, void_acknowledged FROM ticket_progress
           WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, scope`,
      ),
      doneLinesOf: db.prepare(
        'SELECT order_id, line_id, stamp FROM line_progress WHERE order_id IN (SELECT value FROM json_each(?)) AND done = 1',
      ),
      lineStamp: db.prepare('SELECT stamp FROM line_progress WHERE order_id = ? AND line_id = ?').pluck(),
      saveLine: db.prepare(`INSERT INTO line_progress (order_id, line_id, done, stamp) VALUES (?, ?, ?, ?)
        ON CONFLICT (order_id, line_id) DO UPDATE SET done = excluded.done, stamp = excluded.stamp`),
      forgetProgress: db.prepare('DELETE FROM ticket_progress WHERE order_id = ?'),
      forgetLines: db.prepare('DELETE FROM line_progress WHERE order_id = ?'),
      latestStamp: db
        .prepare(
          `SELECT MAX(stamp) FROM (SELECT bump_stamp AS stamp FROM ticket_progress WHERE order_id = @orderId
             UNION ALL SELECT stamp FROM line_progress WHERE order_id = @orderId)`,
        )
        .pluck(),
      lastBumped: db
        .prepare(
          // Only an order this terminal still has can come back on screen (a late echo of a pruned order's bump cannot).
          `SELECT p.order_id FROM ticket_progress p WHERE p.bumped = 1 AND p.scope IN (SELECT value FROM json_each(?))
             AND EXISTS (SELECT 1 FROM orders o WHERE o.order_id = p.order_id) ORDER BY p.bump_stamp DESC LIMIT 1`,
        )
        .pluck(),
    };
  }

  state(orderId: string): KitchenState {
    const rows = this.statements.progress.all(orderId) as ProgressRow[];
    const done = this.statements.doneLines.all(orderId) as { line_id: string; stamp: string }[];
    const fires = this.statements.courseFires.all(orderId) as { course: number; fired_at: string }[];
    return {
      scopes: new Map(rows.map((row) => [row.scope, toProgress(row)])),
      doneLines: new Set(done.map((row) => row.line_id)),
      doneAt: new Map(done.map((row) => [row.line_id, stampIso(row.stamp)])),
      courseFiredAt: new Map(fires.map((row) => [row.course, row.fired_at])),
    };
  }

  /** `state` of many orders in two queries (a ticket stream's flush after a burst touches hundreds). */
  states(orderIds: readonly string[]): Map<string, KitchenState> {
    const states = new Map<
      string,
      { scopes: Map<string, ScopeProgress>; doneLines: Set<string>; doneAt: Map<string, string>; courseFiredAt: Map<number, string> }
    >();
    const stateOf = (orderId: string) => {
      let state = states.get(orderId);
      if (!state) states.set(orderId, (state = { scopes: new Map(), doneLines: new Set(), doneAt: new Map(), courseFiredAt: new Map() }));
      return state;
    };
    const ids = JSON.stringify(orderIds);
    for (const row of this.statements.progressOf.all(ids) as (ProgressRow & { order_id: string })[]) {
      stateOf(row.order_id).scopes.set(row.scope, toProgress(row));
    }
    for (const row of this.statements.doneLinesOf.all(ids) as { order_id: string; line_id: string; stamp: string }[]) {
      stateOf(row.order_id).doneLines.add(row.line_id);
      stateOf(row.order_id).doneAt.set(row.line_id, stampIso(row.stamp));
    }
    for (const row of this.statements.courseFiresOf.all(ids) as { order_id: string; course: number; fired_at: string }[]) {
      stateOf(row.order_id).courseFiredAt.set(row.course, row.fired_at);
    }
    return states;
  }

  /** The newest stamp this terminal knows for the order, so a new action can be stamped after it. */
  latestStamp(orderId: string): string | null {
    return (this.statements.latestStamp.get({ orderId }) as string | null) ?? null;
  }

  /** The most recently bumped ticket (of an order still stored) in one of `scopes`, with the scopes bumped on it. */
  lastBumped(scopes: readonly string[]): { orderId: string; scopes: string[] } | undefined {
    const latest = this.statements.lastBumped.get(JSON.stringify(scopes)) as string | undefined;
    if (latest === undefined) return undefined;
    const bumped = [...this.state(latest).scopes].filter(([scope, progress]) => progress.bumped && scopes.includes(scope));
    return { orderId: latest, scopes: bumped.map(([scope]) => scope) };
  }

  /** Removes what the kitchen did to an order (it has left the terminal's history). */
  forget(orderId: string): void {
    this.statements.forgetProgress.run(orderId);
    this.statements.forgetLines.run(orderId);
    this.statements.forgetCourses.run(orderId);
  }

  /** Applies one kitchen event; true when it changed what a screen shows. */
  apply(event: KitchenEvent): boolean {
    if (event.type === 'COURSE_FIRED') return this.applyCourseFire(event);
    return event.type === 'ITEM_DONE' || event.type === 'ITEM_UNDONE' ? this.applyLine(event) : this.applyProgress(event);
  }

  private applyCourseFire(event: KitchenEvent): boolean {
    if (event.course === undefined) return false;
    const firedAt = occurredIso(event);
    const known = this.statements.courseFiredAt.get(event.orderId, event.course) as string | undefined;
    if (!courseFireWins(firedAt, known)) return false;
    this.statements.fireCourse.run(event.orderId, event.course, firedAt);
    return true;
  }

  private applyLine(event: KitchenEvent): boolean {
    const known = this.statements.lineStamp.get(event.orderId, event.lineId) as string | undefined;
    if (!lineEventWins(event, known)) return false;
    this.statements.saveLine.run(event.orderId, event.lineId, event.type === 'ITEM_DONE' ? 1 : 0, stampOf(event));
    return true;
  }

  private applyProgress(event: KitchenEvent): boolean {
    const scope = scopeOf(event);
    const row = this.statements.scopeProgress.get(event.orderId, scope) as ProgressRow | undefined;
    const before = row ? toProgress(row) : NO_PROGRESS;
    const next = progressAfter(before, event);
    if (next === null || (row && sameProgress(next, before))) return false;
    this.statements.saveProgress.run({
      orderId: event.orderId,
      scope,
      startedAt: next.startedAt,
      bumped: next.bumped ? 1 : 0,
      bumpStamp: next.bumpStamp,
      bumpedVersion: next.bumpedVersion,
      voidAcknowledged: next.voidAcknowledged ? 1 : 0,
    });
    return progressShows(before, next);
  }
}
