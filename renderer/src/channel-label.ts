/** How a screen names the platform's channels; a newer producer's value is shown as it comes. */
export const CHANNEL_LABEL: Readonly<Record<string, string>> = {
  DINE_IN: 'Dine-in',
  TAKEOUT: 'Takeout',
  DELIVERY: 'Delivery',
  DRIVE_THRU: 'Drive-thru',
  KIOSK: 'Kiosk',
};

export const channelLabel = (channel: string | null): string => (channel === null ? '–' : (CHANNEL_LABEL[channel] ?? channel));
