import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { SupervisedLoop, type NextTick } from './supervised-loop';

function loopWith(tick: () => NextTick | Promise<NextTick>, extra: { idleMs?: number } = {}) {
  const clock = new ManualClock();
  const errors: string[] = [];
  const loop = new SupervisedLoop({
    name: 'test loop',
    tick,
    clock,
    random: () => 1,
    backoff: { baseMs: 100, capMs: 1_000 },
    onError: (name, error, failures) => errors.push(`${name}#${failures}: ${error.message}`),
    ...extra,
  });
  return { clock, loop, errors };
}

describe('supervised loop (injected clock)', () => {
  it('runs at once, then after the delay each pass asks for', async () => {
    let passes = 0;
    const { clock, loop } = loopWith(() => {
      passes += 1;
      return 1_000;
    });
    loop.start();
    await clock.advance(0);
    expect(passes).toBe(1);
    await clock.advance(999);
    expect(passes).toBe(1);
    await clock.advance(1);
    expect(passes).toBe(2);
    await loop.stop();
    await clock.advance(10_000);
    expect(passes).toBe(2);
  });

  it('a throwing pass is reported and retried with capped backoff, never silently dead', async () => {
    let passes = 0;
    const { clock, loop, errors } = loopWith(() => {
      passes += 1;
      if (passes <= 5) throw new Error('disk I/O error');
      return 'idle';
    });
    loop.start();
    await clock.advance(0);
    expect(errors).toEqual(['test loop#1: disk I/O error']);
    await clock.advance(100); // attempt 1 waits base
    expect(passes).toBe(2);
    await clock.advance(200); // attempt 2 waits 2·base
    await clock.advance(400);
    await clock.advance(800);
    expect(passes).toBe(5);
    await clock.advance(999); // capped at 1 000
    expect(passes).toBe(5);
    await clock.advance(1);
    expect(passes).toBe(6);
    expect(errors).toHaveLength(5);
    expect(loop.running).toBe(true);
    await loop.stop();
  });

  it('wake brings an idle loop forward; it does not cut a backoff, retryNow does', async () => {
    let passes = 0;
    let failing = false;
    const { clock, loop } = loopWith(
      () => {
        passes += 1;
        if (failing) throw new Error('broker down');
        return 'idle';
      },
      { idleMs: 5_000 },
    );
    loop.start();
    await clock.advance(0);
    expect(passes).toBe(1);
    loop.wake(50);
    await clock.advance(49);
    expect(passes).toBe(1);
    await clock.advance(1);
    expect(passes).toBe(2);
    await clock.advance(5_000); // idle wait ends by itself
    expect(passes).toBe(3);

    failing = true;
    loop.wake();
    await clock.advance(0);
    expect(passes).toBe(4);
    loop.wake();
    await clock.advance(0);
    expect(passes).toBe(4); // still backing off
    loop.retryNow();
    await clock.advance(0);
    expect(passes).toBe(5);
    await loop.stop();
  });

  it('stop waits for the pass in progress', async () => {
    let release: () => void = () => undefined;
    let finished = false;
    const { clock, loop } = loopWith(async (): Promise<NextTick> => {
      await new Promise<void>((resolve) => (release = resolve));
      finished = true;
      return 'idle';
    });
    loop.start();
    await clock.advance(0);
    const stopped = loop.stop();
    expect(finished).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(true);
  });
});

describe('supervised loop: wakes during a pass', () => {
  it('a wake that arrives while a pass runs is honoured when the pass ends', async () => {
    let passes = 0;
    let release: () => void = () => undefined;
    const { clock, loop } = loopWith(async (): Promise<NextTick> => {
      passes += 1;
      if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
      return 'idle';
    });
    loop.start();
    await clock.advance(0);
    loop.wake(20);
    release();
    await clock.advance(19);
    expect(passes).toBe(1);
    await clock.advance(1);
    expect(passes).toBe(2);
    await loop.stop();
  });
});
