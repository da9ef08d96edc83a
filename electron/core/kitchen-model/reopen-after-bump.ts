import type { OrderSnapshot } from '../../../shared/order-events';
import type { KitchenOrder, KitchenState, ScopeProgress } from './kitchen-state';
import { linesOfScope, progressOf } from './scope-overrides';

/** The order's snapshot as it was at a version (for what changed since a bump). */
export type SnapshotAt = (version: number) => OrderSnapshot | null;

/** One scope of a ticket after what the kitchen did to it: what every screen and every tap goes by. */
export interface ScopeAfterBump {
  scope: string;
  /** The scope's progress, expo's whole-ticket bump included (scope-overrides.ts). */
  progress: ScopeProgress;
  /** Back on screen after its bump: VOID (cancelled since), MODIFIED (its lines changed since), or null. */
  reopened: 'VOID' | 'MODIFIED' | null;
  /** The order as it was when bumped, for a reopened scope (what changed is shown against it); else null. */
  atBump: OrderSnapshot | null;
  /** Still to be cooked or acknowledged on this scope: not bumped, or reopened after its bump. */
  open: boolean;
}

/**
 * The one place that decides whether a scope is back on screen after its bump. A bump covers
 * the version of the order it was taken on. After it, a cancel brings the ticket back as VOID
 * (to acknowledge), and a change of the lines in scope brings it back MODIFIED; payment or
 * completion do not. The projection shows, and a bump acts on, exactly the open scopes.
 * `snapshotAt` is read only when the order moved past the bumped version.
 */
export function scopeAfterBump(order: KitchenOrder, kitchen: KitchenState, scope: string, snapshotAt: SnapshotAt): ScopeAfterBump {
  const progress = progressOf(kitchen, scope);
  const closed: ScopeAfterBump = { scope, progress, reopened: null, atBump: null, open: !progress.bumped };
  // Not bumped, the order unchanged since, or an older terminal's bump that names no version.
  if (!progress.bumped || progress.bumpedVersion === null || order.appliedVersion <= progress.bumpedVersion) return closed;
  const cancelled = order.status === 'CANCELLED';
  // Completion (or a change with no content) after the bump does not bring it back.
  if (!cancelled && (order.status !== 'OPEN' || !order.snapshot)) return closed;
  const atBump = snapshotAt(progress.bumpedVersion);
  if (cancelled) return { scope, progress, reopened: 'VOID', atBump, open: true };
  if (!atBump || !order.snapshot || sameLines(order.snapshot, atBump, scope)) return closed;
  return { scope, progress, reopened: 'MODIFIED', atBump, open: true };
}

/** Whether the lines of a scope are as they were (a payment, or another station's change, leaves them so). */
function sameLines(now: OrderSnapshot, atBump: OrderSnapshot, scope: string): boolean {
  const lines = linesOfScope(scope);
  return JSON.stringify(now.items.filter(lines)) === JSON.stringify(atBump.items.filter(lines));
}
