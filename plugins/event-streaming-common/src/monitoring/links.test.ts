import { fillLinks, LinkTarget } from './links';

const topic: LinkTarget = {
  kind: 'topic',
  cluster: 'prod-eu',
  topic: 'orders',
};
const group: LinkTarget = {
  kind: 'group',
  cluster: 'prod-eu',
  group: 'billing',
};
const connector: LinkTarget = {
  kind: 'connector',
  cluster: 'prod-eu',
  connector: 'orders-sink',
};

describe('fillLinks', () => {
  it('uses a string template with {topic} for topics only', () => {
    const links = { kafkaUi: 'https://ui/{cluster}/topics/{topic}' };
    expect(fillLinks(links, topic)).toEqual({
      kafkaUi: 'https://ui/prod-eu/topics/orders',
    });
    expect(fillLinks(links, group)).toEqual({});
    expect(fillLinks(links, connector)).toEqual({});
  });

  it('uses a string template with only {cluster} for every kind', () => {
    const links = { grafana: 'https://g/d/x?var-cluster={cluster}' };
    for (const target of [topic, group, connector]) {
      expect(fillLinks(links, target)).toEqual({
        grafana: 'https://g/d/x?var-cluster=prod-eu',
      });
    }
  });

  it('gives no link for a string template that mixes kinds', () => {
    const links = { grafana: 'https://g/{topic}/{group}' };
    expect(fillLinks(links, topic)).toEqual({});
    expect(fillLinks(links, group)).toEqual({});
  });

  it('picks the template of the kind from the per-kind form', () => {
    const links = {
      grafana: {
        topic: 'https://g?var-cluster={cluster}&var-topic={topic}',
        group: 'https://g?var-cluster={cluster}&var-consumergroup={group}',
      },
      kafkaUi: 'https://ui/{cluster}/topics/{topic}',
    };
    expect(fillLinks(links, topic)).toEqual({
      grafana: 'https://g?var-cluster=prod-eu&var-topic=orders',
      kafkaUi: 'https://ui/prod-eu/topics/orders',
    });
    expect(fillLinks(links, group)).toEqual({
      grafana: 'https://g?var-cluster=prod-eu&var-consumergroup=billing',
    });
    // No connector template: no link.
    expect(fillLinks(links, connector)).toEqual({});
  });

  it('URL-encodes the values', () => {
    expect(
      fillLinks(
        { grafana: { group: 'https://g?var-consumergroup={group}' } },
        { kind: 'group', cluster: 'prod-eu', group: 'a b/c' },
      ),
    ).toEqual({ grafana: 'https://g?var-consumergroup=a%20b%2Fc' });
    expect(
      fillLinks(
        { kafkaUi: 'https://ui/{cluster}/topics/{topic}' },
        { kind: 'topic', cluster: 'prod-eu', topic: 'a&b?c#d' },
      ),
    ).toEqual({ kafkaUi: 'https://ui/prod-eu/topics/a%26b%3Fc%23d' });
  });

  it('fills every occurrence of a placeholder', () => {
    expect(
      fillLinks({ grafana: 'https://g/{topic}?q={topic}' }, topic),
    ).toEqual({ grafana: 'https://g/orders?q=orders' });
  });

  it('answers {} without templates', () => {
    expect(fillLinks(undefined, topic)).toEqual({});
    expect(fillLinks({}, group)).toEqual({});
    expect(fillLinks({ grafana: {}, kafkaUi: '' }, connector)).toEqual({});
  });
});
