/** Where the core's messages go (the console by default; tests pass a quiet one). Never given secrets. */
export type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** The one console logger: every line prefixed `[kds]`, warnings and errors on stderr. */
export const consoleLog: Log = (level, message) => console[level === 'info' ? 'log' : level](`[kds] ${message}`);
