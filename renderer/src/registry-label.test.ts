import { describe, expect, it } from 'vitest';
import { startI18n } from './i18n';
import { schemaRegistryLabel } from './registry-label';

const t = startI18n('en').t;

describe('the status bar on the schema registry', () => {
  it('says nothing without a registry, or while it answers and nothing waits', () => {
    expect(schemaRegistryLabel(null, t)).toBeNull();
    expect(schemaRegistryLabel({ reachable: true, waiting: 0 }, t)).toBeNull();
  });

  it('says it is unreachable, and how many events wait for a schema', () => {
    expect(schemaRegistryLabel({ reachable: false, detail: 'schema registry unreachable: connect ECONNREFUSED', waiting: 0 }, t)).toEqual({
      label: 'Schema registry unreachable',
      tone: 'bad',
    });
    expect(schemaRegistryLabel({ reachable: false, waiting: 3 }, t)).toEqual({
      label: 'Schema registry unreachable — 3 events wait for their schema',
      tone: 'bad',
    });
    expect(schemaRegistryLabel({ reachable: false, waiting: 1 }, t)?.label).toContain('1 event waits for its schema');
    expect(schemaRegistryLabel({ reachable: false, waiting: 2 }, startI18n('es').t)?.label).toBe(
      'Registro de esquemas inaccesible — 2 eventos esperan su esquema',
    );
    startI18n('en');
    // Reachable again, the waiting records not yet applied (the next retry pass takes them).
    expect(schemaRegistryLabel({ reachable: true, waiting: 2 }, t)).toEqual({ label: '2 events wait for their schema', tone: 'warn' });
  });
});
