import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  it('fills every default when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.SCHEMA_REGISTRY_URL).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(config.VS_TOPIC_PREFIX).toBe('');
  });

  it('splits a broker list', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'a:9092, b:9093' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
  });

  it('names every bad key in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        KAFKA_BROKERS: 'no-port',
        SCHEMA_REGISTRY_URL: 'not a url',
        DATABASE_URL: 'mysql://x',
        VS_TOPIC_PREFIX: 'bad prefix!',
        HTTP_PORT: '99999',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((p) => p.key).sort();
    expect(keys).toEqual(['DATABASE_URL', 'HTTP_PORT', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'VS_TOPIC_PREFIX']);
    expect((error as Error).message).toContain('KAFKA_BROKERS: each broker must be host:port');
  });

  it('refuses a minimum record count above the maximum', () => {
    expect(() => loadConfig({ RECORD_COUNT_MIN: '10', RECORD_COUNT_MAX: '5' })).toThrow(/RECORD_COUNT_MIN/);
  });
});
