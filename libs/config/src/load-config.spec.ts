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

  const problemsOf = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems.map((p) => `${p.key}: ${p.message}`);
    }
  };

  it('reads TLS and SASL settings for a secured cluster', () => {
    const config = loadConfig({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 's3cret',
      SCHEMA_REGISTRY_USERNAME: 'key',
      SCHEMA_REGISTRY_PASSWORD: 'secret',
    });
    expect([config.KAFKA_SSL, config.KAFKA_SASL_MECHANISM, config.KAFKA_SASL_USERNAME]).toEqual([
      true,
      'scram-sha-512',
      'svc',
    ]);
    expect(loadConfig({}).KAFKA_SSL).toBe(false);
  });

  it('names the SASL credentials a mechanism needs, and the mechanism credentials need', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain' })).toEqual([
      'KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM is set',
      'KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set',
    ]);
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'x' })).toEqual([
      'KAFKA_SASL_MECHANISM: set it (plain, scram-sha-256 or scram-sha-512) to use KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    ]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })[0]).toMatch(/^KAFKA_SASL_MECHANISM: /);
  });

  it('wants both registry credentials or neither, and TLS on for a CA file', () => {
    expect(problemsOf({ SCHEMA_REGISTRY_USERNAME: 'key' })).toEqual([
      'SCHEMA_REGISTRY_PASSWORD: set both SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD, or neither',
    ]);
    expect(problemsOf({ KAFKA_SSL_CA_FILE: '/etc/ca.pem' })).toEqual([
      'KAFKA_SSL: set KAFKA_SSL=true to use KAFKA_SSL_CA_FILE',
    ]);
    expect(problemsOf({ KAFKA_SSL: 'maybe' })[0]).toMatch(/^KAFKA_SSL: /);
  });

  it('keeps the LLM judge off by default and wants an API key to turn it on', () => {
    expect(loadConfig({}).LLM_JUDGE).toBe(false);
    expect(problemsOf({ LLM_JUDGE: 'true' })).toEqual([
      'LLM_API_KEY: required when LLM_JUDGE is on (any non-empty value for a local server); or set LLM_JUDGE=false',
    ]);
    const config = loadConfig({ LLM_JUDGE: 'true', LLM_API_KEY: 'k', LLM_JUDGE_MIN_SCORE: '0.7' });
    expect([config.LLM_JUDGE, config.LLM_JUDGE_MIN_SCORE, config.LLM_JUDGE_MODEL]).toEqual([true, 0.7, undefined]);
  });
});
