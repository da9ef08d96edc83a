import { useEffect, useRef } from 'react';

/** A short two-tone chime made with Web Audio (no file to load, nothing the CSP must allow). */
function chime(): void {
  const AudioContextClass = window.AudioContext;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
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
  setTimeout(() => void context.close(), 1000);
}

/** Chimes when the count of arrivals grows (not on the first snapshot, not during a resync), unless switched off. */
export function useNewTicketSound(arrivals: number, enabled: boolean): void {
  const seen = useRef(arrivals);
  useEffect(() => {
    if (arrivals > seen.current && enabled) chime();
    seen.current = arrivals;
  }, [arrivals, enabled]);
}
