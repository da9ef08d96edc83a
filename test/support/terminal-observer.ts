import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import type { Storage } from '../../electron/core/store/storage';
import type { KdsConfig } from '../../shared/config';
import { inspectTerminal } from './kitchen-fixtures';

/**
 * A terminal under test seen from outside: its status through the product's own accessor, and
 * what it stored read through a separate read-only connection to its database file.
 */
export interface ObservedTerminal {
  terminal: Terminal;
  config: KdsConfig;
  status: Terminal['status'];
  read<T>(query: (storage: Storage) => T): T;
  orders(): ReturnType<Storage['orders']['all']>;
  order(orderId: string): ReturnType<Storage['orders']['get']>;
  stop(): Promise<void>;
}

export function observe(terminal: Terminal): ObservedTerminal {
  const read = <T>(query: (storage: Storage) => T): T => inspectTerminal(terminal.config, query);
  return {
    terminal,
    config: terminal.config,
    status: () => terminal.status(),
    read,
    orders: () => read((db) => db.orders.all()),
    order: (orderId) => read((db) => db.orders.get(orderId)),
    stop: () => terminal.stop(),
  };
}

/** Starts a quiet terminal and observes it. */
export function startObserved(config: KdsConfig): ObservedTerminal {
  return observe(startTerminal(config, process.env.KDS_TEST_LOG ? {} : { log: () => undefined }));
}
