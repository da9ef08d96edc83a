import { useCallback, useState } from 'react';

/** This browser's local storage, or undefined where it is refused (a locked-down browser): choices then hold until the page reloads. */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** A choice this browser kept under `key`, when it is one of `choices`; else `fallback`. */
export function storedChoice<T extends string>(
  storage: Pick<Storage, 'getItem'> | undefined,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const stored = storage?.getItem(key);
  return choices.find((choice) => choice === stored) ?? fallback;
}

/** A per-screen choice (language, text size), kept by this browser: its value and a setter that keeps it. */
export function useStoredChoice<T extends string>(key: string, choices: readonly T[], fallback: T): [T, (choice: T) => void] {
  const [choice, setChoice] = useState<T>(() => storedChoice(browserStorage(), key, choices, fallback));
  const choose = useCallback(
    (next: T) => {
      browserStorage()?.setItem(key, next);
      setChoice(next);
    },
    [key],
  );
  return [choice, choose];
}
