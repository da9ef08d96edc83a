import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { consoleLog, type TerminalOptions } from '../core/app/terminal';

type Log = NonNullable<TerminalOptions['log']>;

export interface LogFile {
  log: Log;
  close(): Promise<void>;
}

/**
 * The desktop app's log: each line to the console and to `kds.log` in `dir`, which rotates at
 * `size` and keeps `maxFiles` old files, so months unattended never fill the disk.
 */
export function openLogFile(dir: string, options: { size?: string; maxFiles?: number } = {}): LogFile {
  const stream: RotatingFileStream = createStream('kds.log', {
    path: dir,
    size: (options.size ?? '5M') as `${number}M`,
    maxFiles: options.maxFiles ?? 5,
    mode: 0o600,
  });
  // A full disk must cost the log, never the kitchen.
  stream.on('error', () => undefined);
  return {
    log: (level, message) => {
      const line = `${new Date().toISOString()} ${level} ${message}`;
      consoleLog(level, message);
      stream.write(`${line}\n`);
    },
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}
