import fs from 'node:fs';
import path from 'node:path';
import {
  generateKafkaProtocol,
  OUT_DIR,
  SPEC_DIR,
} from '../../../scripts/generate-kafka-protocol';
import { declareNotRun } from '../../testing/skips';
import { API_CODECS, ApiKeys } from './generated';
import { Reader } from './reader';
import { Writer } from './writer';

const i64 = (s: string) => s.length * 1_000_000_007;

describe('generated Kafka protocol codecs', () => {
  const specPresent = fs.existsSync(SPEC_DIR);
  const upToDate = () => {
    const files = generateKafkaProtocol(SPEC_DIR);
    const stale: string[] = [];
    for (const [name, content] of files) {
      const file = path.join(OUT_DIR, name);
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) stale.push(name);
    }
    // run `tsx scripts/generate-kafka-protocol.ts` if this lists files
    expect(stale).toEqual([]);
    expect(files.size).toBeGreaterThan(20);
  };
  if (specPresent) {
    // eslint-disable-next-line jest/expect-expect
    it('are up to date with the spec in ../shared', upToDate);
  } else {
    // Left out, and declared: the run lists it with the reason.
    declareNotRun(
      'the comparison of the committed codecs with codecs generated from the spec',
      `Kafka's protocol specs are read from ${SPEC_DIR}; this clone has none`,
    );
  }

  it('are committed, generated, and cover the APIs', () => {
    // Always: the committed output is present, carries the generated header, and covers the APIs.
    const index = fs.readFileSync(path.join(OUT_DIR, 'index.ts'), 'utf8');
    expect(index.startsWith('// GENERATED FILE - DO NOT EDIT.')).toBe(true);
    for (const key of [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 32, 33, 36, 37, 42, 44, 60]) {
      expect(API_CODECS[key]).toBeDefined();
    }
  });

  it('round-trips a flexible Metadata response with compact fields', () => {
    const codec = API_CODECS[ApiKeys.Metadata];
    const msg = {
      throttleTimeMs: 0,
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
      clusterId: 'abc',
      controllerId: 1,
      topics: [
        {
          errorCode: 0,
          name: 'team-a.orders-v1',
          topicId: '0123456789abcdef0123456789abcdef',
          isInternal: false,
          partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 0, replicaNodes: [1, 2], isrNodes: [1, 2], offlineReplicas: [] }],
          topicAuthorizedOperations: -2147483648,
        },
      ],
    };
    for (const v of [1, 8, 9, 12]) {
      const w = new Writer();
      codec.encodeResponse(w, v, msg);
      const back = codec.decodeResponse(new Reader(w.toBuffer()), v);
      expect(back.topics[0].name).toBe('team-a.orders-v1');
      expect(back.topics[0].partitions[0].replicaNodes).toEqual([1, 2]);
      expect(back.brokers[0].host).toBe('localhost');
      expect(back.topics[0].topicId).toBe(v >= 10 ? msg.topics[0].topicId : '0'.repeat(32));
    }
  });

  it('grows the writer buffer without losing data', () => {
    const w = new Writer(4);
    const names = Array.from({ length: 200 }, (_, i) => `name-${i}-${'x'.repeat(i % 17)}`);
    for (const n of names) w.string(n).compactString(n).int64(-i64(n)).uvarint(300000).varint(-5);
    const r = new Reader(w.toBuffer());
    for (const n of names) {
      expect(r.string()).toBe(n);
      expect(r.compactString()).toBe(n);
      expect(r.int64()).toBe(-i64(n));
      expect(r.uvarint()).toBe(300000);
      expect(r.varint()).toBe(-5);
    }
    expect(r.remaining()).toBe(0);
  });

  it('writes and reads tagged fields (ApiVersions v3 supportedFeatures)', () => {
    const codec = API_CODECS[ApiKeys.ApiVersions];
    const w = new Writer();
    codec.encodeResponse(w, 3, {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }],
      throttleTimeMs: 0,
      supportedFeatures: [{ name: 'metadata.version', minVersion: 1, maxVersion: 20 }],
      finalizedFeaturesEpoch: 7,
    });
    const back = codec.decodeResponse(new Reader(w.toBuffer()), 3);
    expect(back.supportedFeatures).toEqual([{ name: 'metadata.version', minVersion: 1, maxVersion: 20 }]);
    expect(back.finalizedFeaturesEpoch).toBe(7);
    expect(back.zkMigrationReady).toBe(false);
  });
});
