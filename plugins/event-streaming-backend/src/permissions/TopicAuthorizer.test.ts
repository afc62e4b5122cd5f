import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionFactory } from '@backstage/plugin-permission-node';
import {
  TOPIC_RESOURCE_TYPE,
  topicReadPermission,
} from '@eventport/plugin-event-streaming-common';
import { isTopicOwnerRule, parseTopicRef, topicResourceRef } from './resources';
import { TopicAuthorizer } from './TopicAuthorizer';

const topics = [
  {
    cluster: 'dev-local',
    name: 'team-a.orders',
    owner: 'group:default/team-a',
  },
  {
    cluster: 'dev-local',
    name: 'team-b.shipments',
    owner: 'group:default/team-b',
  },
  { cluster: 'dev-local', name: 'loose', owner: null },
];

describe('IS_OWNER', () => {
  it('matches topics whose namespace owner is among the claims', () => {
    const claims = { claims: ['user:default/guest', 'group:default/team-a'] };
    expect(topics.map(t => isTopicOwnerRule.apply(t, claims))).toEqual([
      true,
      false,
      false,
    ]);
    expect(isTopicOwnerRule.toQuery(claims)).toEqual({ owners: claims.claims });
  });

  it('parses topic resource refs, keeping slashes-free cluster names', () => {
    expect(parseTopicRef('dev-local/team-a.orders')).toEqual({
      cluster: 'dev-local',
      topic: 'team-a.orders',
    });
  });
});

describe('TopicAuthorizer.readFilter', () => {
  // A conditional decision as a policy would return it: read only owned topics.
  const isOwner = createConditionFactory(isTopicOwnerRule);
  const conditional: PolicyDecision = {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'event-streaming',
    resourceType: TOPIC_RESOURCE_TYPE,
    conditions: isOwner({ claims: ['group:default/team-a'] }),
  };

  function authorizerAnswering(decision: PolicyDecision) {
    const registry = mockServices.permissionsRegistry.mock({
      getPermissionRuleset: (() => ({
        getRuleByName: (name: string) => {
          if (name !== isTopicOwnerRule.name)
            throw new Error(`no rule ${name}`);
          return isTopicOwnerRule;
        },
      })) as any,
    });
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async requests => {
        expect(requests).toEqual([{ permission: topicReadPermission }]);
        return [decision] as any;
      },
    });
    return new TopicAuthorizer(permissions, registry);
  }

  it('applies a conditional IS_OWNER decision to each topic', async () => {
    const filter = await authorizerAnswering(conditional).readFilter({} as any);
    expect(topics.filter(filter).map(t => t.name)).toEqual(['team-a.orders']);
  });

  it('lets everything or nothing through on ALLOW and DENY', async () => {
    const allow = await authorizerAnswering({
      result: AuthorizeResult.ALLOW,
    }).readFilter({} as any);
    const deny = await authorizerAnswering({
      result: AuthorizeResult.DENY,
    }).readFilter({} as any);
    expect(topics.filter(allow)).toHaveLength(3);
    expect(topics.filter(deny)).toHaveLength(0);
  });

  it('registers IS_OWNER for the topic resource ref', () => {
    expect(topicResourceRef.resourceType).toBe(TOPIC_RESOURCE_TYPE);
    expect(topicResourceRef.pluginId).toBe('event-streaming');
  });
});
