import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, for ticket timers. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Elapsed minutes:seconds, never negative even if the producer's clock is ahead of ours. */
export function elapsed(since: string, now: number): { text: string; minutes: number } {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  return { text: `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`, minutes: seconds / 60 };
}
