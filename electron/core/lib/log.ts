/** Where the core's messages go (the console by default; tests pass a quiet one). Never given secrets. */
export type Log = (level: 'info' | 'warn' | 'error', message: string) => void;
