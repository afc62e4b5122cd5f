/**
 * Debezium's change events read back from Apache Kafka and decoded with the
 * Avro schemas the Apicurio converter registered.
 */
import * as avro from 'avsc';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';

/** Avro longs as bigint: Debezium's microsecond timestamps exceed 2^53. */
const BIG_LONG = (avro.types.LongType as any).__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => Number(a > b) - Number(a < b),
});

export interface ChangeEvent {
  key: Record<string, unknown>;
  value: Record<string, any> | null;
  valueSchemaId?: number;
}

/** Reads `count` records of the topic from the start and decodes them with the schemas Apicurio holds. */
export async function readChangeEvents(
  bootstrap: string[],
  registryUrl: string,
  topic: string,
  count: number,
): Promise<ChangeEvent[]> {
  const kafka = new Kafka({ brokers: bootstrap, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `test-reader-${topic}-${Date.now()}`,
  });
  const types = new Map<string, avro.Type>();
  const typeOf = async (globalId: string) => {
    if (!types.has(globalId)) {
      const res = await fetch(`${registryUrl}/ids/globalIds/${globalId}`);
      if (!res.ok)
        throw new Error(`Apicurio has no schema ${globalId}: ${res.status}`);
      types.set(
        globalId,
        avro.Type.forSchema(JSON.parse(await res.text()), {
          wrapUnions: false,
          registry: { long: BIG_LONG },
        } as any),
      );
    }
    return types.get(globalId)!;
  };
  const events: ChangeEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const decode = async (message: KafkaMessage): Promise<ChangeEvent> => {
    const id = (h: string) => {
      const raw = message.headers?.[h];
      return raw ? (raw as Buffer).readBigInt64BE(0).toString() : undefined;
    };
    const keyId = id('apicurio.key.globalId');
    const valueId = id('apicurio.value.globalId');
    if (!keyId)
      throw new Error(
        `record without apicurio.key.globalId header: ${JSON.stringify(
          message.headers,
        )}`,
      );
    const key = (await typeOf(keyId)).fromBuffer(message.key!) as Record<
      string,
      unknown
    >;
    const value =
      message.value && valueId
        ? ((await typeOf(valueId)).fromBuffer(message.value) as Record<
            string,
            any
          >)
        : null;
    return {
      key,
      value,
      valueSchemaId: valueId ? Number(valueId) : undefined,
    };
  };
  const done = new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ message }) => {
          try {
            events.push(await decode(message));
            if (events.length >= count) resolve();
          } catch (error) {
            reject(error);
          }
        },
      })
      .catch(reject);
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () =>
        reject(
          new Error(`only ${events.length} of ${count} events on ${topic}`),
        ),
      120_000,
    ),
  );
  try {
    await Promise.race([done, timeout]);
  } finally {
    await consumer.disconnect();
  }
  return events;
}
