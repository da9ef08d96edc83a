import { useEffect } from 'react';
import { storedChoice, useStoredChoice } from './browser-storage';

/**
 * The screen's text size, chosen on each screen (a cook two metres from the grill, a tablet in
 * hand): the whole page is zoomed, so the layout reflows around the bigger text and every control
 * stays reachable (the header wraps, the board scrolls). Kept in this browser only.
 */
export const TEXT_SIZES = [{ id: 'normal' }, { id: 'large' }, { id: 'xl' }] as const;
export type TextSize = (typeof TEXT_SIZES)[number]['id'];

const STORAGE_KEY = 'kds.textSize';
const SIZE_IDS = TEXT_SIZES.map((size) => size.id);

export function storedTextSize(storage: Pick<Storage, 'getItem'> | undefined): TextSize {
  return storedChoice(storage, STORAGE_KEY, SIZE_IDS, 'normal');
}

/** The size, applied to the page as a class of its root element (styles in app.css), and a setter that keeps it. */
export function useTextSize(): [TextSize, (size: TextSize) => void] {
  const [size, choose] = useStoredChoice<TextSize>(STORAGE_KEY, SIZE_IDS, 'normal');
  useEffect(() => {
    const root = document.documentElement;
    for (const id of SIZE_IDS) root.classList.toggle(`text-size--${id}`, id === size);
  }, [size]);
  return [size, choose];
}
