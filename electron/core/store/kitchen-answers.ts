import type { KitchenEvent } from '../../../shared/kitchen-events';
import { stampOf, utcIso, wins } from '../kitchen-model/stamps';
import type { Db } from './open-database';

export type Answer = 'ACCEPTED' | 'REJECTED';

export interface OrderAnswer {
  orderId: string;
  claimEventId: string;
  terminalId: string;
  answer: Answer;
  prepMinutes: number | null;
  reason: string | null;
  answeredAt: string;
  decided: boolean;
  overruled: boolean;
  prepFrom: string | null;
  proposedPrepMinutes: number | null;
}

interface AnswerRow {
  order_id: string;
  claim_event_id: string;
  terminal_id: string;
  answer: Answer;
  prep_minutes: number | null;
  reason: string | null;
  answered_at: string;
  decided: number;
  overruled: number;
  prep_from: string | null;
  proposed_prep_minutes: number | null;
}

const toAnswer = (row: AnswerRow): OrderAnswer => ({
  orderId: row.order_id,
  claimEventId: row.claim_event_id,
  terminalId: row.terminal_id,
  answer: row.answer,
  prepMinutes: row.prep_minutes,
  reason: row.reason,
  answeredAt: row.answered_at,
  decided: row.decided === 1,
  overruled: row.overruled === 1,
  prepFrom: row.prep_from,
  proposedPrepMinutes: row.proposed_prep_minutes,
});

export interface ItemAvailability {
  item: string;
  available: boolean;
  until: string | null;
  since: string;
  terminalId: string;
}

/** The key an item is 86'd under: platforms and cooks differ in case and spaces, never in the dish. */
export function itemKey(name: string): string {
  return name.trim().toLocaleLowerCase('en');
}

/** What a decided claim's outcome is for the terminal that reads it. */
export type ClaimOutcome = 'won' | 'lost' | 'known';

/**
 * The kitchen's answers to the platform, stored: each order's answer (this terminal's own until
 * the topic's order decides), decisions made once (first render per station, ready), items 86'd
 * and the kitchen's pause. Runs inside the caller's transaction.
 */
export class KitchenAnswers {
  private readonly statements;

  constructor(db: Db) {
    const answerColumns =
      'order_id, claim_event_id, terminal_id, answer, prep_minutes, reason, answered_at, decided, overruled, prep_from, proposed_prep_minutes';
    this.statements = {
      answer: db.prepare(`SELECT ${answerColumns} FROM order_answers WHERE order_id = ?`),
      answersOf: db.prepare(`SELECT ${answerColumns} FROM order_answers WHERE order_id IN (SELECT value FROM json_each(?))`),
      acceptedOpen: db.prepare(
        `SELECT ${answerColumns} FROM order_answers a WHERE decided = 1 AND answer = 'ACCEPTED'
           AND NOT EXISTS (SELECT 1 FROM signal_decisions d WHERE d.order_id = a.order_id AND d.decision = 'READY')`,
      ),
      saveAnswer: db.prepare(`INSERT INTO order_answers (${answerColumns}, prep_stamp)
        VALUES (@orderId, @claimEventId, @terminalId, @answer, @prepMinutes, @reason, @answeredAt, @decided, @overruled, @prepFrom, NULL, @prepStamp)
        ON CONFLICT (order_id) DO UPDATE SET claim_event_id = excluded.claim_event_id, terminal_id = excluded.terminal_id,
          answer = excluded.answer, prep_minutes = excluded.prep_minutes, reason = excluded.reason, answered_at = excluded.answered_at,
          decided = excluded.decided, overruled = excluded.overruled, prep_from = excluded.prep_from, prep_stamp = excluded.prep_stamp,
          proposed_prep_minutes = NULL`),
      overrule: db.prepare('UPDATE order_answers SET overruled = 1 WHERE order_id = ?'),
      prepStamp: db.prepare('SELECT prep_stamp FROM order_answers WHERE order_id = ?').pluck(),
      updatePrep: db.prepare(
        'UPDATE order_answers SET prep_minutes = ?, prep_from = ?, prep_stamp = ?, proposed_prep_minutes = NULL WHERE order_id = ?',
      ),
      propose: db.prepare('UPDATE order_answers SET proposed_prep_minutes = ? WHERE order_id = ? AND proposed_prep_minutes IS NOT ?'),
      decision: db.prepare(
        'SELECT event_id AS eventId, terminal_id AS terminalId, decided_at AS decidedAt FROM signal_decisions WHERE order_id = ? AND decision = ?',
      ),
      decide: db.prepare(
        'INSERT INTO signal_decisions (order_id, decision, event_id, terminal_id, decided_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      claimed: db.prepare('SELECT 1 FROM signal_claims WHERE order_id = ? AND decision = ?').pluck(),
      claim: db.prepare('INSERT INTO signal_claims (order_id, decision, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      itemStamp: db.prepare('SELECT stamp FROM item_availability WHERE item_key = ?').pluck(),
      saveItem: db.prepare(`INSERT INTO item_availability (item_key, item, available, until, since, terminal_id, stamp)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_key) DO UPDATE SET item = excluded.item, available = excluded.available,
        until = excluded.until, since = excluded.since, terminal_id = excluded.terminal_id, stamp = excluded.stamp`),
      unavailable: db.prepare(
        `SELECT item, until, since, terminal_id AS terminalId FROM item_availability
           WHERE available = 0 AND (until IS NULL OR until > ?) ORDER BY item`,
      ),
      pauseStamp: db.prepare('SELECT stamp FROM kitchen_pause WHERE merchant_id = ?').pluck(),
      savePause: db.prepare(`INSERT INTO kitchen_pause (merchant_id, paused_until, stamp) VALUES (?, ?, ?)
        ON CONFLICT (merchant_id) DO UPDATE SET paused_until = excluded.paused_until, stamp = excluded.stamp`),
      pausedUntil: db.prepare('SELECT paused_until FROM kitchen_pause WHERE merchant_id = ? AND paused_until > ?').pluck(),
      forgetAnswer: db.prepare('DELETE FROM order_answers WHERE order_id = ?'),
      forgetDecisions: db.prepare('DELETE FROM signal_decisions WHERE order_id = ?'),
      forgetClaims: db.prepare('DELETE FROM signal_claims WHERE order_id = ?'),
      pruneItems: db.prepare('DELETE FROM item_availability WHERE since < ?'),
    };
  }

  answer(orderId: string): OrderAnswer | undefined {
    const row = this.statements.answer.get(orderId) as AnswerRow | undefined;
    return row && toAnswer(row);
  }

  answersOf(orderIds: readonly string[]): Map<string, OrderAnswer> {
    const rows = this.statements.answersOf.all(JSON.stringify(orderIds)) as AnswerRow[];
    return new Map(rows.map((row) => [row.order_id, toAnswer(row)]));
  }

  /** Accepted orders the kitchen has not signalled ready yet: the ones that can fall behind their promise. */
  acceptedNotReady(): OrderAnswer[] {
    return (this.statements.acceptedOpen.all() as AnswerRow[]).map(toAnswer);
  }

  /** This terminal's answer, before the topic's order says whether it counts. */
  answerLocally(event: KitchenEvent & { answer: Answer }): void {
    this.save(event, false, false);
  }

  /**
   * An ORDER_ANSWERED read from the topic, in its order: the first one decides the order's
   * answer on every terminal. Says whether `terminalId`'s answer won, lost, or was not involved.
   */
  decideAnswer(event: KitchenEvent & { answer: Answer }, terminalId: string): ClaimOutcome {
    const known = this.answer(event.orderId);
    if (known?.decided) {
      if (known.claimEventId === event.eventId || event.terminalId !== terminalId) return 'known';
      this.statements.overrule.run(event.orderId);
      return 'lost';
    }
    // This terminal's own answer still waiting for its place, and another came first: it lost.
    const overruled = known !== undefined && known.claimEventId !== event.eventId && known.terminalId === terminalId;
    this.save(event, true, overruled);
    return event.terminalId === terminalId ? 'won' : overruled ? 'lost' : 'known';
  }

  private save(event: KitchenEvent & { answer: Answer }, decided: boolean, overruled: boolean): void {
    const at = utcIso(event.occurredAt);
    this.statements.saveAnswer.run({
      orderId: event.orderId,
      claimEventId: event.eventId,
      terminalId: event.terminalId,
      answer: event.answer,
      prepMinutes: event.prepMinutes ?? null,
      reason: event.reason ?? null,
      answeredAt: at,
      decided: decided ? 1 : 0,
      overruled: overruled ? 1 : 0,
      prepFrom: event.prepMinutes === undefined ? null : at,
      prepStamp: stampOf(event),
    });
  }

  /** A PREP_TIME_UPDATED: the newest one counts, from its own time. */
  updatePrepTime(event: KitchenEvent): boolean {
    if (event.prepMinutes === undefined) return false;
    const known = this.statements.prepStamp.get(event.orderId) as string | null | undefined;
    if (known === undefined || !wins(stampOf(event), known ?? undefined)) return false;
    this.statements.updatePrep.run(event.prepMinutes, utcIso(event.occurredAt), stampOf(event), event.orderId);
    return true;
  }

  /** Behind its promise: expo is proposed to send this (null: no longer behind). True when it changed. */
  propose(orderId: string, minutes: number | null): boolean {
    return this.statements.propose.run(minutes, orderId, minutes).changes > 0;
  }

  /** The first claim of `decision` for the order, in the topic's order, wins; later ones change nothing. */
  decide(orderId: string, decision: string, event: Pick<KitchenEvent, 'eventId' | 'terminalId' | 'occurredAt'>): boolean {
    return this.statements.decide.run(orderId, decision, event.eventId, event.terminalId, utcIso(event.occurredAt)).changes > 0;
  }

  /** The decision, if made: the event that made it, its terminal, and its time (the event's occurredAt, UTC ISO). */
  decision(orderId: string, decision: string): { eventId: string; terminalId: string; decidedAt: string } | undefined {
    return this.statements.decision.get(orderId, decision) as { eventId: string; terminalId: string; decidedAt: string } | undefined;
  }

  /** Whether this terminal already claimed `decision` (or knows it decided): a render is claimed once. */
  claimedOrDecided(orderId: string, decision: string): boolean {
    return this.statements.claimed.get(orderId, decision) !== undefined || this.decision(orderId, decision) !== undefined;
  }

  claim(orderId: string, decision: string, eventId: string): void {
    this.statements.claim.run(orderId, decision, eventId);
  }

  /** An ITEM_AVAILABILITY from any terminal: the newest one per item counts. True when it changed. */
  setAvailability(event: KitchenEvent): boolean {
    if (event.item === undefined || event.available === undefined) return false;
    const key = itemKey(event.item);
    const known = this.statements.itemStamp.get(key) as string | undefined;
    if (!wins(stampOf(event), known)) return false;
    const at = utcIso(event.occurredAt);
    this.statements.saveItem.run(
      key,
      event.item,
      event.available ? 1 : 0,
      event.until ? utcIso(event.until) : null,
      at,
      event.terminalId,
      stampOf(event),
    );
    return true;
  }

  /** Items 86'd now, in name order. */
  unavailable(now: number): ItemAvailability[] {
    const rows = this.statements.unavailable.all(new Date(now).toISOString()) as Omit<ItemAvailability, 'available'>[];
    return rows.map((row) => ({ ...row, available: false }));
  }

  /** A KITCHEN_PAUSED or KITCHEN_RESUMED from any terminal: the newest counts. True when it changed. */
  setPause(event: KitchenEvent): boolean {
    const known = this.statements.pauseStamp.get(event.merchantId) as string | undefined;
    if (!wins(stampOf(event), known)) return false;
    const until = event.type === 'KITCHEN_PAUSED' ? utcIso(event.until ?? '9999-12-31T23:59:59.999Z') : null;
    this.statements.savePause.run(event.merchantId, until, stampOf(event));
    return true;
  }

  pausedUntil(merchantId: string, now: number): string | null {
    return (this.statements.pausedUntil.get(merchantId, new Date(now).toISOString()) as string | undefined) ?? null;
  }

  /** Removes what was answered for an order (it has left the terminal's history). */
  forget(orderId: string): void {
    this.statements.forgetAnswer.run(orderId);
    this.statements.forgetDecisions.run(orderId);
    this.statements.forgetClaims.run(orderId);
  }

  /** 86s and returns older than `before` (ms): no terminal still sends an action older than history is kept. */
  pruneItemsBefore(before: number): void {
    this.statements.pruneItems.run(new Date(before).toISOString());
  }
}
