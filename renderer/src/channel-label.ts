import type { TFunction } from 'i18next';

/** The platform's channels a screen names in its language; a newer producer's value is shown as it comes. */
const KNOWN_CHANNELS = new Set(['DINE_IN', 'TAKEOUT', 'DELIVERY', 'DRIVE_THRU', 'KIOSK']);

export const isKnownChannel = (channel: string): boolean => KNOWN_CHANNELS.has(channel);

export const channelLabel = (channel: string | null, t: TFunction): string =>
  channel === null ? '–' : KNOWN_CHANNELS.has(channel) ? t(`channel.${channel}`) : channel;
