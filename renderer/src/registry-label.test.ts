import { describe, expect, it } from 'vitest';
import { schemaRegistryLabel } from './registry-label';

describe('the status bar on the schema registry', () => {
  it('says nothing without a registry, or while it answers and nothing waits', () => {
    expect(schemaRegistryLabel(null)).toBeNull();
    expect(schemaRegistryLabel({ reachable: true, waiting: 0 })).toBeNull();
  });

  it('says it is unreachable, and how many events wait for a schema', () => {
    expect(schemaRegistryLabel({ reachable: false, detail: 'schema registry unreachable: connect ECONNREFUSED', waiting: 0 })).toEqual({
      label: 'Schema registry unreachable',
      tone: 'bad',
    });
    expect(schemaRegistryLabel({ reachable: false, waiting: 3 })).toEqual({
      label: 'Schema registry unreachable — 3 events wait for their schema',
      tone: 'bad',
    });
    expect(schemaRegistryLabel({ reachable: false, waiting: 1 })?.label).toContain('1 event waits for its schema');
    // Reachable again, the waiting records not yet applied (the next retry pass takes them).
    expect(schemaRegistryLabel({ reachable: true, waiting: 2 })).toEqual({ label: '2 events wait for their schema', tone: 'warn' });
  });
});
