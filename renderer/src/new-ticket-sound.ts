import { useEffect, useRef } from 'react';
import type { Ticket } from '../../shared/ticket';
import { isHeld } from './item-hold';

/** One audio context for the screen's life: making one per chime costs the page's thread milliseconds each (and audio threads). */
let audio: AudioContext | undefined;
/** In a rush, tickets arrive many a second: one chime per burst, not one per ticket. */
const CHIME_GAP_MS = 1_500;
let lastChimeAt = -Infinity;

/** A short two-tone chime made with Web Audio (no file to load, nothing the CSP must allow); one per burst. */
export function chime(): void {
  const now = performance.now();
  if (now - lastChimeAt < CHIME_GAP_MS) return;
  lastChimeAt = now;
  const AudioContextClass = window.AudioContext;
  if (!AudioContextClass) return;
  audio ??= new AudioContextClass();
  const context = audio;
  // Browsers start a context made without a tap suspended; a tap anywhere since lets it play.
  if (context.state === 'suspended') void context.resume();
  [880, 1320].forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.25, context.currentTime + index * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + index * 0.18 + 0.17);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(context.currentTime + index * 0.18);
    oscillator.stop(context.currentTime + index * 0.18 + 0.18);
  });
}

/** Chimes when the count of arrivals grows (not on the first snapshot, not during a resync), unless switched off. */
export function useNewTicketSound(arrivals: number, enabled: boolean): void {
  const seen = useRef(arrivals);
  useEffect(() => {
    if (arrivals > seen.current && enabled) chime();
    seen.current = arrivals;
  }, [arrivals, enabled]);
}

/** Chimes when a held line comes forward on this screen (its start time came, or its course fired), unless switched off. */
export function useHeldItemChime(tickets: readonly Ticket[], now: number, enabled: boolean): void {
  const held = useRef<Set<string> | null>(null);
  useEffect(() => {
    const before = held.current;
    const current = new Set<string>();
    const present = new Set<string>();
    for (const ticket of tickets) {
      for (const item of ticket.items) {
        const key = `${ticket.orderId}\u0000${item.lineId}`;
        if (!item.done) present.add(key);
        if (isHeld(item, now)) current.add(key);
      }
    }
    held.current = current;
    if (!before || !enabled) return;
    for (const key of before) {
      if (!current.has(key) && present.has(key)) return chime();
    }
  }, [tickets, now, enabled]);
}
