/** Helpers shared by the broker's jest tests. */
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { startKafkaBroker, KafkaBrokerHandle, KafkaBrokerOptions } from './broker/server';
import { RawKafkaClient } from './client/rawClient';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

export async function startTestCluster(options: KafkaBrokerOptions = {}) {
  const broker: KafkaBrokerHandle = await startKafkaBroker({
    port: 0,
    groupInitialRebalanceDelayMs: 0,
    groupMinSessionTimeoutMs: 500,
    ...options,
  });
  const kafka = (config: Partial<KafkaConfig> = {}) =>
    new Kafka({
      brokers: broker.bootstrapServers,
      clientId: 'devstack-test',
      logLevel: logLevel.NOTHING,
      retry: { retries: 3, initialRetryTime: 50 },
      ...config,
    });
  const raw = async (nodeId = 1) => {
    const b = broker.brokers.find(x => x.nodeId === nodeId)!;
    return RawKafkaClient.connect('127.0.0.1', b.port);
  };
  return { broker, kafka, raw };
}

export function waitFor(predicate: () => boolean, timeoutMs = 10000, what = 'condition'): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      return setTimeout(tick, 20);
    };
    tick();
  });
}
