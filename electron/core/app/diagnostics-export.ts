import type { KdsConfig } from '../../../shared/config';

/**
 * The configuration as a support export shows it: everything that helps find a problem, no
 * secret — the Kafka password and the diagnostics PIN are replaced by whether they are set.
 */
export function redactedConfig(config: KdsConfig): unknown {
  const { diagnosticsPin, kafka, ...rest } = config;
  const { sasl, ...connection } = kafka;
  return {
    ...rest,
    kafka: { ...connection, ...(sasl ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: '(set)' } } : {}) },
    diagnosticsPin: diagnosticsPin ? '(set)' : '(not set)',
  };
}
