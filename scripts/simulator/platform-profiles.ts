/**
 * Delivery platforms as the simulator plays them: how long each gives a kitchen to accept an
 * order before cancelling it (the figures their partner documentation states), and how a compressed
 * day maps the platform's minutes onto the wall clock.
 */
export const PLATFORM_NAMES = ['ubereats', 'deliveroo', 'wolt'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

export interface PlatformProfile {
  name: PlatformName;
  /** Minutes from placement the kitchen has to accept (or reject) before the platform cancels. */
  acceptMinutes: number;
}

export const PLATFORM_PROFILES: Readonly<Record<PlatformName, PlatformProfile>> = {
  ubereats: { name: 'ubereats', acceptMinutes: 11.5 },
  deliveroo: { name: 'deliveroo', acceptMinutes: 10 },
  wolt: { name: 'wolt', acceptMinutes: 3 },
};

export function isPlatformName(value: string): value is PlatformName {
  return (PLATFORM_NAMES as readonly string[]).includes(value);
}

/**
 * A rush day run faster than life: every duration the platform and the simulated people produce
 * (deadlines, courier travel, cook times, order spacing) is divided by `factor`, and every duration
 * measured is multiplied back, so reports read in the day's real minutes. Machine latency inside a
 * scaled figure is scaled too (at a factor of 20 a 300 ms delay reads as 6 s): such figures are
 * pessimistic about the software, never flattering. The one figure that is only machine latency,
 * placement to shown, is kept on the wall clock (platform-report.ts).
 */
export class TimeScale {
  constructor(readonly factor: number) {
    if (!(factor > 0) || !Number.isFinite(factor)) throw new Error(`a time scale must be a positive number, got ${factor}`);
  }

  /** Wall-clock milliseconds for a real duration in minutes. */
  wallMs(realMinutes: number): number {
    return (realMinutes * 60_000) / this.factor;
  }

  /** Real minutes for a wall-clock duration in milliseconds. */
  realMinutes(wallMs: number): number {
    return (wallMs * this.factor) / 60_000;
  }
}
