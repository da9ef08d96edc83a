import type { ReactNode } from 'react';
import type { FleetTerminal } from '../../shared/fleet';
import type { TerminalHealth } from '../../shared/terminal-health';
import { age, count, stamp } from './format';

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="figures" aria-label={title}>
      <h3>{title}</h3>
      <dl>{children}</dl>
    </section>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="figures__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const since = (state: string, at: string) => `${state} since ${stamp(at)}`;

/** The fleet service's reading of the terminal, beside its own record: what support quotes first. */
function FleetReading({ terminal }: { terminal: FleetTerminal }) {
  return (
    <Group title="Fleet service">
      <Item term="Trouble score">{count(terminal.trouble)}</Item>
      <Item term="Last health record made">{stamp(terminal.lastHealthAt)}</Item>
      <Item term="Since it was received">{age(terminal.secondsSinceHealth)}</Item>
      <Item term="Unseen orders (60 s)">{count(terminal.unseenOrders)}</Item>
    </Group>
  );
}

/** Every figure of the health record (shared/terminal-health.ts), grouped as support asks about them. */
function HealthRecord({ health }: { health: TerminalHealth }) {
  return (
    <>
      <Group title="Terminal">
        <Item term="Version">{health.version}</Item>
        <Item term="Mode">{health.mode === 'routed' ? "routed (its merchant's partitions)" : 'filter (reads every partition)'}</Item>
        <Item term="State">{health.state}</Item>
        <Item term="Record made at">{stamp(health.at)}</Item>
        <Item term="Screens paired">{health.screensPaired === null ? 'serves no web screens' : count(health.screensPaired)}</Item>
        <Item term="Last ticket shown">{stamp(health.lastTicketShownAt)}</Item>
      </Group>
      <Group title="Kafka">
        <Item term="Connection">{since(health.connection.state, health.connection.since)}</Item>
        <Item term="Consumer">{since(health.consumer.state, health.consumer.since)}</Item>
        <Item term="Total lag">{count(health.lag.total)}</Item>
        <Item term="Lag by partition">
          {health.lag.partitions.length === 0
            ? 'none assigned'
            : health.lag.partitions.map((p) => `p${p.partition}: ${count(p.lag)}`).join(', ')}
        </Item>
        <Item term="Oldest unapplied order event">
          {health.oldestUnappliedSeconds === null ? 'none waiting' : age(health.oldestUnappliedSeconds)}
        </Item>
        <Item term="Largest clock skew">
          {health.largestClockSkewMs === null ? 'not measured' : `${count(Math.round(health.largestClockSkewMs))} ms`}
        </Item>
      </Group>
      <Group title="Outgoing and errors">
        <Item term="Outbox pending">{count(health.outbox.pending)}</Item>
        <Item term="Oldest in outbox">{stamp(health.outbox.oldestAt)}</Item>
        <Item term="Retry depth">{count(health.retryDepth)}</Item>
        <Item term="Parked">{count(health.parked)}</Item>
        <Item term="Dead letters">{count(health.deadLetters.count)}</Item>
        <Item term="Last dead letter reason">{health.deadLetters.lastReason ?? '—'}</Item>
        <Item term="Open notices">{count(health.openNotices)}</Item>
        <Item term="Faults">
          {health.faults.length === 0 ? 'none' : health.faults.map((f) => `${f.loop} since ${stamp(f.since)}`).join('; ')}
        </Item>
      </Group>
    </>
  );
}

export function HealthFigures({ terminal }: { terminal: FleetTerminal }) {
  return (
    <div className="figures-grid">
      <FleetReading terminal={terminal} />
      {terminal.health ? (
        <HealthRecord health={terminal.health} />
      ) : (
        <p className="empty">No health record received from this terminal yet.</p>
      )}
    </div>
  );
}
