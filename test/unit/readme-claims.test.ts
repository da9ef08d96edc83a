import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * README quotes the module graph and a few constants of the core. Quotes drift when the code
 * changes and nobody rereads the prose ("≤ 8 ms" stood beside a budget of 25): each quote is
 * checked here against the file it comes from.
 */
const readme = readFileSync('README.md', 'utf8');
/** README wraps its prose at any word: compare with runs of white space as one space. */
const prose = readme.replace(/\s+/g, ' ');

/** A numeric constant as its source declares it (`const NAME = 25_000;`), found in `files`. */
function constant(files: string[], name: string): number {
  const declaration = new RegExp(`\\bconst ${name}\\s*=\\s*([\\d_]+(?:\\.\\d+)?)\\s*;`);
  const values = files.flatMap((file) => {
    const match = declaration.exec(readFileSync(file, 'utf8'));
    return match?.[1] ? [Number(match[1].replaceAll('_', ''))] : [];
  });
  if (values.length !== 1) throw new Error(`${name}: ${values.length} declarations in ${files.join(', ')}`);
  return values[0] as number;
}

const sourcesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(dir, name));

/** The rows of README's module-graph table (the one headed "may import"): folder → the folders it may import. */
function readmeLayerTable(markdown: string): Record<string, string[]> {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => /^\|.*\| may import +\|$/.test(line));
  if (header < 0) throw new Error('README has no table headed "may import"');
  const end = lines.findIndex((line, index) => index > header && !line.startsWith('|'));
  const rows = lines.slice(header + 2, end < 0 ? undefined : end);
  return Object.fromEntries(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim());
      const folder = (cells[1] ?? '').replace(/^`|\/`$/g, '');
      const imports = (cells[3] ?? '').replace(/^—$/, '');
      return [folder, imports ? imports.split(/,\s*/) : []];
    }),
  );
}

describe("README's module graph", () => {
  it('has one row per folder of electron/core/layers.json, listing exactly the folders it may import', () => {
    const layers = Object.fromEntries(
      Object.entries(JSON.parse(readFileSync('electron/core/layers.json', 'utf8')) as Record<string, string[]>).filter(
        ([name]) => !name.startsWith('$'),
      ),
    );
    const table = readmeLayerTable(readme);
    const sorted = (graph: Record<string, string[]>) =>
      Object.fromEntries(
        Object.entries(graph)
          .map(([folder, imports]) => [folder, [...imports].sort()] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    expect(Object.keys(table).length).toBeGreaterThan(5);
    expect(sorted(table)).toEqual(sorted(layers));
  });

  it('reads a row as the folder and its imports', () => {
    const row =
      '| folder | holds | may import |\n| - | - | - |\n| `kitchen/` | cook actions | ingest, store, lib, tickets |\n| `lib/` | clock | — |\n\n| `store/` | another table | |';
    expect(readmeLayerTable(row)).toEqual({ kitchen: ['ingest', 'store', 'lib', 'tickets'], lib: [] });
  });
});

describe("README's quoted constants", () => {
  const kafka = sourcesIn('electron/core/kafka');
  const quotes: { name: string; value: () => number; quoted: (value: number) => string }[] = [
    {
      name: 'the time budget of one ingest transaction (CHUNK_BUDGET_MS)',
      value: () => constant(kafka, 'CHUNK_BUDGET_MS'),
      quoted: (ms) => `one transaction per ≤ ${ms} ms slice`,
    },
    {
      name: "the outbox's read-back wait (RECONCILE_TIMEOUT_MS)",
      value: () => constant(['electron/core/kafka/outbox-publisher.ts'], 'RECONCILE_TIMEOUT_MS'),
      quoted: (ms) => `That wait lasts at most ${ms / 1000} s`,
    },
    {
      name: "the outbox's batch (BATCH_SIZE)",
      value: () => constant(['electron/core/kafka/outbox-publisher.ts'], 'BATCH_SIZE'),
      quoted: (size) => `batches of up to ${size}`,
    },
    {
      name: "the outbox's backoff cap (MAX_BACKOFF_MS)",
      value: () => constant(['electron/core/kafka/outbox-publisher.ts'], 'MAX_BACKOFF_MS'),
      quoted: (ms) => `retrying forever (backoff capped at ${ms / 1000} s)`,
    },
    {
      name: 'the partition watch (PARTITION_WATCH_MS)',
      value: () => constant(kafka, 'PARTITION_WATCH_MS'),
      quoted: (ms) => `noticed by a ${ms / 1000} s partition watch`,
    },
    {
      name: "the ticket stream's live gap (LIVE_GAP_MS)",
      value: () => constant(['electron/core/tickets/ticket-stream.ts'], 'LIVE_GAP_MS'),
      quoted: (ms) => `within a display frame (${ms} ms) of the last delta`,
    },
    {
      name: "the ticket stream's burst window (DEFAULT_COALESCE_MS)",
      value: () => constant(['electron/core/tickets/ticket-stream.ts'], 'DEFAULT_COALESCE_MS'),
      quoted: (ms) => `at most one delta per ${ms} ms`,
    },
    {
      name: "the ticket stream's burst size (BURST_TICKETS)",
      value: () => constant(['electron/core/tickets/ticket-stream.ts'], 'BURST_TICKETS'),
      quoted: (tickets) => `once a delta carried more than ${tickets} tickets`,
    },
  ];

  for (const quote of quotes) {
    it(`quote ${quote.name} as the code has it`, () => {
      const quoted = quote.quoted(quote.value());
      expect(prose.includes(quoted), `README should say "${quoted}"`).toBe(true);
    });
  }
});
