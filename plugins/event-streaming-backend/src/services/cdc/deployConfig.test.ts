import { ConfigReader } from '@backstage/config';
import { readCdcDeployConfig } from './deployConfig';

const read = (gitops: object) =>
  readCdcDeployConfig(new ConfigReader({ eventStreaming: { cdc: { gitops } } }))
    .gitops!;

describe('readCdcDeployConfig', () => {
  it('follows GitOps pipelines every 30 s unless told, and refuses a period under a second', () => {
    expect(read({ url: '/tmp/repo' })).toMatchObject({
      url: '/tmp/repo',
      baseBranch: 'main',
      path: 'kafka/cdc',
      branchPrefix: 'eventport/cdc-',
      followIntervalMs: 30_000,
    });
    expect(
      read({ url: '/tmp/repo', followInterval: { seconds: 5 } })
        .followIntervalMs,
    ).toBe(5_000);
    for (const followInterval of [{ milliseconds: 10 }, 'often']) {
      expect(() => read({ url: '/tmp/repo', followInterval })).toThrow(
        'eventStreaming.cdc.gitops.followInterval must be a duration of at least a second, such as { seconds: 30 }',
      );
    }
  });
});
