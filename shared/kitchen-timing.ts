import { z } from 'zod';
import { MAX_PREP_SECONDS } from './order-events';

/**
 * Kitchen intelligence a terminal can switch on (both off by default): synchronized item timing
 * (the items of a ticket's course start so that they finish together) and course pacing (course
 * n+1 waits until course n is bumped, or a set time after it was fired).
 */
export const COURSE_PACING = ['off', 'after-bump', 'after-minutes'] as const;
export type CoursePacing = (typeof COURSE_PACING)[number];

export const cookTimeSchema = z
  .object({
    /** The item's name as the platform sends it (compared without case and surrounding spaces). */
    name: z.string().trim().min(1, 'an item name').max(200),
    seconds: z
      .number()
      .int('whole seconds')
      .min(0)
      .max(MAX_PREP_SECONDS, `at most ${MAX_PREP_SECONDS / 3600} hours`),
  })
  .strict();
export type CookTime = z.infer<typeof cookTimeSchema>;

export const kitchenTimingSchema = z
  .object({
    itemTiming: z.boolean().default(false),
    /** Cook times for items whose events carry no `prepSeconds`. */
    cookTimes: z.array(cookTimeSchema).max(1000).default([]),
    coursePacing: z.enum(COURSE_PACING).default('off'),
    /** 'after-minutes': how long after course n was fired course n+1 is fired. */
    courseMinutes: z.number().int().min(1, 'at least 1').max(180, 'at most 180').default(10),
  })
  .strict()
  .superRefine((timing, context) => {
    const seen = new Set<string>();
    timing.cookTimes.forEach((entry, index) => {
      const key = cookTimeKey(entry.name);
      if (seen.has(key))
        context.addIssue({ code: 'custom', path: ['cookTimes', index, 'name'], message: `"${entry.name}" is listed twice` });
      seen.add(key);
    });
  });
export type KitchenTiming = z.output<typeof kitchenTimingSchema>;

export const DEFAULT_KITCHEN_TIMING: KitchenTiming = { itemTiming: false, cookTimes: [], coursePacing: 'off', courseMinutes: 10 };

export function cookTimeKey(name: string): string {
  return name.trim().toLocaleLowerCase('en');
}

/** "Cheeseburger = 7:00" lines (or seconds: "Fries = 180"), as the settings screen edits the table. */
export function formatCookTimes(cookTimes: readonly CookTime[]): string {
  return cookTimes.map(({ name, seconds }) => `${name} = ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`).join('\n');
}

/** The settings screen's text back to the table; the error names the line that cannot be read. */
export function parseCookTimes(text: string): { ok: true; value: CookTime[] } | { ok: false; error: string } {
  const value: CookTime[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^(.+?)\s*=\s*(?:(\d{1,3}):([0-5]\d)|(\d{1,5}))$/.exec(line);
    if (!match?.[1]) return { ok: false, error: `line ${index + 1}: write "Item name = m:ss" (or seconds)` };
    const seconds = match[4] !== undefined ? Number(match[4]) : Number(match[2]) * 60 + Number(match[3]);
    value.push({ name: match[1].trim(), seconds });
  }
  return { ok: true, value };
}
