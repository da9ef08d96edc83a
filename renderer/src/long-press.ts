import { useEffect, useMemo, useRef } from 'react';
import { browserTimers, type RefusalTimers } from './tap-refusals';

/** A press held this long is a long press (86 an item), not a tap (strike it). */
export const LONG_PRESS_MS = 600;

export interface LongPress {
  /** A finger or the mouse went down on the target. */
  down: () => void;
  /** Let go, slid off, or the browser took the gesture (a scroll). */
  cancel: () => void;
  /** The click that ends a press: false when the press was a long one, whose click must do nothing. */
  click: () => boolean;
}

/** Tells a long press from a tap; `onLongPress` runs as soon as the press has lasted `ms`, while still held. */
export function createLongPress(onLongPress: () => void, timers: RefusalTimers = browserTimers, ms = LONG_PRESS_MS): LongPress {
  let timer: unknown = null;
  let fired = false;
  const cancel = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  return {
    down: () => {
      cancel();
      fired = false;
      timer = timers.setTimeout(() => {
        timer = null;
        fired = true;
        onLongPress();
      }, ms);
    },
    cancel,
    click: () => {
      const tap = !fired;
      fired = false;
      return tap;
    },
  };
}

/** The pointer handlers of a target that does `onTap` when tapped and `onLongPress` when held (touch and mouse alike). */
export function useLongPress(onTap: () => void, onLongPress: () => void) {
  const latest = useRef({ onTap, onLongPress });
  useEffect(() => {
    latest.current = { onTap, onLongPress };
  });
  const press = useMemo(() => createLongPress(() => latest.current.onLongPress()), []);
  useEffect(() => press.cancel, [press]);
  return useMemo(
    () => ({
      onPointerDown: (event: { button: number }) => {
        if (event.button === 0) press.down();
      },
      onPointerUp: press.cancel,
      onPointerLeave: press.cancel,
      onPointerCancel: press.cancel,
      // A held finger opens the browser's menu on touch screens: the long press is ours.
      onContextMenu: (event: { preventDefault: () => void }) => event.preventDefault(),
      onClick: () => {
        if (press.click()) latest.current.onTap();
      },
    }),
    [press],
  );
}
