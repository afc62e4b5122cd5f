import { ConfigReader } from '@backstage/config';
import { readPolicyConfig } from '@eventport/plugin-event-streaming-node';
import { eventStreamingConfig } from '../../__testUtils__/config';
import { TopicPolicy } from '../topics/TopicPolicy';
import { GroupOwners } from './GroupOwners';

describe('GroupOwners', () => {
  const policy = new TopicPolicy(
    readPolicyConfig(new ConfigReader(eventStreamingConfig(['localhost:1']))),
  );

  it('answers many groups at once: namespaces in memory, recorded connector owners read once, the same as one by one', async () => {
    let reads = 0;
    const recorded = new Map([['archive-sink', 'group:default/team-b']]);
    const owners = new GroupOwners(
      policy,
      async (_cluster, name) =>
        policy.namespaceOf(name)?.owner ?? recorded.get(name) ?? null,
      async () => {
        reads += 1;
        return recorded;
      },
    );
    const ids = [
      'team-a.billing',
      'connect-team-b.shipments-file-sink',
      'connect-archive-sink',
      'connect-unknown',
      'someone-elses',
    ];
    const many = await owners.ownersOf('dev-local', ids);
    expect(many).toEqual([
      'group:default/team-a',
      'group:default/team-b',
      'group:default/team-b',
      null,
      null,
    ]);
    expect(reads).toBe(1);
    const one = await Promise.all(
      ids.map(id => owners.ownerOf('dev-local', id)),
    );
    expect(one).toEqual(many);
  });
});
