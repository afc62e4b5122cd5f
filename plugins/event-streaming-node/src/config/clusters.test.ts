import { ConfigReader } from '@backstage/config';
import { readClusterConfigs } from './clusters';

const cluster = {
  name: 'dev-local',
  environment: 'dev',
  brokers: ['localhost:9092'],
};

describe('readClusterConfigs', () => {
  it('reads clusters with sasl, links and external systems', () => {
    const [read] = readClusterConfigs(
      new ConfigReader({
        eventStreaming: {
          clusters: [
            {
              ...cluster,
              sasl: { mechanism: 'plain', username: 'u', password: 'p' },
              connect: { url: 'http://localhost:8083' },
              links: { grafana: 'https://g/{topic}' },
            },
          ],
        },
      }),
    );
    expect(read).toEqual({
      ...cluster,
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
      ssl: undefined,
      connect: { url: 'http://localhost:8083' },
      schemaRegistry: undefined,
      links: { grafana: 'https://g/{topic}', kafkaUi: undefined },
    });
  });

  it('reads link templates given per kind of resource', () => {
    const grafana = {
      topic:
        'https://g/d/eventport-kafka?var-cluster={cluster}&var-topic={topic}',
      group:
        'https://g/d/eventport-kafka?var-cluster={cluster}&var-consumergroup={group}',
    };
    const [read] = readClusterConfigs(
      new ConfigReader({
        eventStreaming: {
          clusters: [
            {
              ...cluster,
              links: { grafana, kafkaUi: 'https://ui/{cluster}/{topic}' },
            },
          ],
        },
      }),
    );
    expect(read.links).toStrictEqual({
      grafana: { ...grafana, connector: undefined },
      kafkaUi: 'https://ui/{cluster}/{topic}',
    });
  });

  it('rejects a link template that is neither a string nor per kind', () => {
    expect(() =>
      readClusterConfigs(
        new ConfigReader({
          eventStreaming: {
            clusters: [{ ...cluster, links: { grafana: ['https://g'] } }],
          },
        }),
      ),
    ).toThrow(/links\.grafana/);
    expect(() =>
      readClusterConfigs(
        new ConfigReader({
          eventStreaming: {
            clusters: [{ ...cluster, links: { kafkaUi: { topic: 5 } } }],
          },
        }),
      ),
    ).toThrow(/links\.kafkaUi\.topic/);
  });

  it('answers an empty list when nothing is configured', () => {
    expect(readClusterConfigs(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [{ ...cluster, name: 'Dev Local' }, /must be lowercase/],
    [{ ...cluster, environment: 'qa' }, /must be one of dev, staging, prod/],
    [{ ...cluster, brokers: [] }, /at least one broker/],
    [
      {
        ...cluster,
        sasl: { mechanism: 'gssapi', username: 'u', password: 'p' },
      },
      /sasl.mechanism must be one of/,
    ],
  ])('rejects a bad cluster %#', (bad, message) => {
    expect(() =>
      readClusterConfigs(
        new ConfigReader({ eventStreaming: { clusters: [bad] } }),
      ),
    ).toThrow(message);
  });

  it('rejects duplicate names', () => {
    expect(() =>
      readClusterConfigs(
        new ConfigReader({ eventStreaming: { clusters: [cluster, cluster] } }),
      ),
    ).toThrow(/used twice/);
  });
});
