import { useCallback, useEffect, useState } from 'react';
import { browserStorage } from './browser-storage';

/**
 * The screen's text size, chosen on each screen (a cook two metres from the grill, a tablet in
 * hand): the whole page is zoomed, so the layout reflows around the bigger text and every control
 * stays reachable (the header wraps, the board scrolls). Kept in this browser only.
 */
export const TEXT_SIZES = [{ id: 'normal' }, { id: 'large' }, { id: 'xl' }] as const;
export type TextSize = (typeof TEXT_SIZES)[number]['id'];

const STORAGE_KEY = 'kds.textSize';

export function storedTextSize(storage: Pick<Storage, 'getItem'> | undefined): TextSize {
  const stored = storage?.getItem(STORAGE_KEY);
  return TEXT_SIZES.find((size) => size.id === stored)?.id ?? 'normal';
}

/** The size, applied to the page as a class of its root element (styles in app.css), and a setter that keeps it. */
export function useTextSize(): [TextSize, (size: TextSize) => void] {
  const [size, setSize] = useState<TextSize>(() => storedTextSize(browserStorage()));
  useEffect(() => {
    const root = document.documentElement;
    for (const { id } of TEXT_SIZES) root.classList.toggle(`text-size--${id}`, id === size);
  }, [size]);
  const choose = useCallback((next: TextSize) => {
    browserStorage()?.setItem(STORAGE_KEY, next);
    setSize(next);
  }, []);
  return [size, choose];
}
