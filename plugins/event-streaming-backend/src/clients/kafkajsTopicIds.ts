/**
 * Topic IDs, which kafkajs 2.2.4 cannot ask for: its Metadata stops at v6 and
 * its DeleteTopics at v4, while a topic's ID (KIP-516) is in Metadata from
 * v10 and DeleteTopics takes IDs from v6. An approved deletion is bound to
 * the ID of the topic that was reviewed (issue 25), so these two requests are
 * sent in the versions that carry IDs, over kafkajs's own connection to a
 * broker (its settings, TLS and SASL as for every other request).
 *
 * Both are flexible versions (KIP-482): compact strings and arrays (unsigned
 * varint of length + 1, 0 for null) and tagged fields after each structure;
 * the request header gains one tagged-field count after the client id and
 * the response header one after the correlation id. kafkajs writes the v1
 * header and reads the correlation id, so each body below starts with that
 * header's empty tagged fields. Layouts follow Kafka's message specs
 * MetadataRequest/Response v12 and DeleteTopicsRequest/Response v6.
 */

// kafkajs has no typings for its protocol encoder and decoder; these are the
// methods used, pinned with kafkajs at 2.2.4 (see kafkajsBrokers.ts).
interface Encoder {
  writeInt8(value: number): Encoder;
  writeInt32(value: number): Encoder;
  writeBoolean(value: boolean): Encoder;
  writeUVarInt(value: number): Encoder;
  writeUVarIntString(value: string | null): Encoder;
  writeBuffer(value: Buffer): Encoder;
}
interface Decoder {
  readInt16(): number;
  readInt32(): number;
  readBoolean(): boolean;
  readUVarInt(): number;
  readUVarIntString(): string | null;
  readTaggedFields(): unknown;
  readBytes(length: number): Buffer;
  readUVarIntArray<T>(reader: (d: Decoder) => T): T[] | null;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const EncoderClass: new () => Encoder = require('kafkajs/src/protocol/encoder');
const DecoderClass: new (
  buffer: Buffer,
) => Decoder = require('kafkajs/src/protocol/decoder');
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode(code: number): Error;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const METADATA = 3;
const DELETE_TOPICS = 20;
const NONE = 0;
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const UNKNOWN_TOPIC_ID = 100;
const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** A request and its response reader, as kafkajs's `Connection.send` takes them. */
export interface RawRequest<T> {
  request: {
    apiKey: number;
    apiVersion: number;
    apiName: string;
    encode(): Promise<Encoder>;
  };
  response: {
    decode(payload: Buffer): Promise<Decoder>;
    parse(decoder: Decoder): Promise<T>;
  };
}

/**
 * A topic ID as Kafka prints it (`kafka-topics.sh --describe`, Uuid's
 * toString): its 16 bytes in URL-safe base64 without padding.
 */
function writeUuid(encoder: Encoder, topicId: string) {
  const bytes = Buffer.from(topicId, 'base64url');
  if (bytes.length !== 16 || bytes.toString('base64url') !== topicId) {
    throw new Error(`Not a Kafka topic ID: '${topicId}'`);
  }
  return encoder.writeBuffer(bytes);
}

function readUuid(decoder: Decoder): string {
  return decoder.readBytes(16).toString('base64url');
}

function skipCompactInt32Array(decoder: Decoder) {
  decoder.readUVarIntArray(d => d.readInt32());
}

function rawRequest<T>(
  apiKey: number,
  apiVersion: number,
  apiName: string,
  write: (encoder: Encoder) => void,
  read: (decoder: Decoder) => T,
): RawRequest<T> {
  return {
    request: {
      apiKey,
      apiVersion,
      apiName,
      encode: async () => {
        const encoder = new EncoderClass();
        encoder.writeUVarInt(0); // request header v2: no tagged fields
        write(encoder);
        return encoder;
      },
    },
    response: {
      decode: async payload => new DecoderClass(payload),
      parse: async decoder => {
        decoder.readTaggedFields(); // response header v1
        return read(decoder);
      },
    },
  };
}

/** A topic as Metadata v12 names it: its ID, or why there is none. */
export type TopicIdAnswer =
  | { topic: string; topicId: string }
  | { topic: string; missing: true };

/** Metadata v12 for these topics (by name), reading only their IDs. */
export function topicIdsRequest(topics: string[]): RawRequest<TopicIdAnswer[]> {
  return rawRequest(
    METADATA,
    12,
    'Metadata',
    encoder => {
      encoder.writeUVarInt(topics.length + 1);
      for (const name of topics) {
        writeUuid(encoder, ZERO_UUID);
        encoder.writeUVarIntString(name);
        encoder.writeUVarInt(0);
      }
      encoder.writeBoolean(false); // allow_auto_topic_creation
      encoder.writeBoolean(false); // include_topic_authorized_operations
      encoder.writeUVarInt(0);
    },
    decoder => {
      decoder.readInt32(); // throttle_time_ms
      decoder.readUVarIntArray(d => {
        d.readInt32(); // node_id
        d.readUVarIntString(); // host
        d.readInt32(); // port
        d.readUVarIntString(); // rack
        d.readTaggedFields();
      });
      decoder.readUVarIntString(); // cluster_id
      decoder.readInt32(); // controller_id
      const answers =
        decoder.readUVarIntArray(d => {
          const errorCode = d.readInt16();
          const topic = d.readUVarIntString() ?? '';
          const topicId = readUuid(d);
          d.readBoolean(); // is_internal
          d.readUVarIntArray(p => {
            p.readInt16(); // error_code
            p.readInt32(); // partition_index
            p.readInt32(); // leader_id
            p.readInt32(); // leader_epoch
            skipCompactInt32Array(p); // replica_nodes
            skipCompactInt32Array(p); // isr_nodes
            skipCompactInt32Array(p); // offline_replicas
            p.readTaggedFields();
          });
          d.readInt32(); // topic_authorized_operations
          d.readTaggedFields();
          if (
            errorCode === UNKNOWN_TOPIC_OR_PARTITION ||
            errorCode === UNKNOWN_TOPIC_ID
          ) {
            return { topic, missing: true as const };
          }
          if (errorCode !== NONE) throw createErrorFromCode(errorCode);
          return { topic, topicId };
        }) ?? [];
      decoder.readTaggedFields();
      return answers;
    },
  );
}

/** What DeleteTopics v6 said about the one topic it was asked to delete. */
export type DeleteByIdAnswer = 'deleted' | 'unknown-topic-id';

/** DeleteTopics v6 of one topic by its ID, never by its name. */
export function deleteTopicByIdRequest(
  topicId: string,
  timeoutMs: number,
): RawRequest<DeleteByIdAnswer> {
  return rawRequest(
    DELETE_TOPICS,
    6,
    'DeleteTopics',
    encoder => {
      encoder.writeUVarInt(2); // one topic
      encoder.writeUVarIntString(null); // name: null, the ID says which
      writeUuid(encoder, topicId);
      encoder.writeUVarInt(0);
      encoder.writeInt32(timeoutMs);
      encoder.writeUVarInt(0);
    },
    decoder => {
      decoder.readInt32(); // throttle_time_ms
      const answers =
        decoder.readUVarIntArray(d => {
          d.readUVarIntString(); // name
          readUuid(d);
          const errorCode = d.readInt16();
          const message = d.readUVarIntString();
          d.readTaggedFields();
          return { errorCode, message };
        }) ?? [];
      decoder.readTaggedFields();
      const [answer] = answers;
      if (!answer) throw new Error('DeleteTopics answered without the topic');
      if (answer.errorCode === NONE) return 'deleted';
      if (answer.errorCode === UNKNOWN_TOPIC_ID) return 'unknown-topic-id';
      const error = createErrorFromCode(answer.errorCode);
      if (answer.message) error.message = `${error.message}: ${answer.message}`;
      throw error;
    },
  );
}
