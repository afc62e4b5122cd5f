/**
 * The GitOps publisher with real git against a bare repository the test
 * creates, and the GitHub pull request call against msw (GitHub's API is
 * not reachable from here; the request it receives is asserted).
 */
import { ConfigReader } from '@backstage/config';
import { createBareRepo } from '@eventport/devstack';
import { SecretSweep } from '../../__testUtils__/secretSweep';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CdcGitOpsConfig } from './deployConfig';
import { GitHubPullRequests, repositoryOf } from './GitHubPullRequests';
import { CliGitOpsPublisher, openPullRequest } from './GitOpsPublisher';

jest.setTimeout(60_000);

const files = [
  {
    path: 'kafkaconnector.yaml',
    kind: 'KafkaConnector' as const,
    content: 'kind: KafkaConnector\n',
  },
  {
    path: 'topics/team-a.cdc.shop.public.customers.yaml',
    kind: 'KafkaTopic' as const,
    content: 'kind: KafkaTopic\n',
  },
];

function gitopsConfig(
  url: string,
  extra: Partial<CdcGitOpsConfig> = {},
): CdcGitOpsConfig {
  return {
    url,
    baseBranch: 'main',
    path: 'kafka/cdc',
    branchPrefix: 'eventport/cdc-',
    author: { name: 'Eventport', email: 'eventport@example.com' },
    followIntervalMs: 30_000,
    ...extra,
  };
}

describe('CliGitOpsPublisher against a bare git repository', () => {
  let repo: Awaited<ReturnType<typeof createBareRepo>>;
  beforeAll(async () => {
    repo = await createBareRepo();
  });
  afterAll(() => {
    try {
      // The secret sweep (issue 25): no token in any commit.
      const sweep = new SecretSweep({ token: 'tok-secret-123' });
      if (repo) sweep.recordGitHistory(repo.dir);
      sweep.check('the GitOps repository');
    } finally {
      repo?.remove();
    }
  });

  it('commits the manifests under <path>/<pipeline>/ on a new branch and leaves the base branch alone', async () => {
    const publisher = new CliGitOpsPublisher(gitopsConfig(repo.dir));
    const result = await publisher.publish({
      folder: 'shop-orders',
      files,
      message: 'CDC pipeline shop-orders',
    });
    expect(result.branch).toBe('eventport/cdc-shop-orders');
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await publisher.branchTip(result.branch)).toBe(result.commit);
    expect((await repo.files(result.commit)).sort()).toEqual([
      'README.md',
      'kafka/cdc/shop-orders/kafkaconnector.yaml',
      'kafka/cdc/shop-orders/topics/team-a.cdc.shop.public.customers.yaml',
    ]);
    expect(
      await repo.show(
        result.commit,
        'kafka/cdc/shop-orders/kafkaconnector.yaml',
      ),
    ).toBe(files[0].content);
    expect(await repo.files('main')).toEqual(['README.md']);
  });

  it('commits the removal of the manifests the base branch holds, on a branch of its own, and answers the same commit when retried', async () => {
    const publisher = new CliGitOpsPublisher(gitopsConfig(repo.dir));
    const deployed = await publisher.publish({
      folder: 'retired',
      files,
      message: 'CDC pipeline retired',
    });
    await repo.merge(deployed.branch);
    const branch = 'eventport/cdc-retired.decommission-1234abcd';
    const removal = await publisher.remove({
      folder: 'retired',
      branch,
      // The topics are kept: only the connector's manifest goes.
      paths: ['kafkaconnector.yaml', 'not-there.yaml'],
      message: 'Decommission CDC pipeline retired',
    });
    expect(removal).toEqual({
      branch,
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      removed: ['kafka/cdc/retired/kafkaconnector.yaml'],
    });
    expect(
      (await repo.files(removal!.commit, 'kafka/cdc/retired')).sort(),
    ).toEqual([
      'kafka/cdc/retired/topics/team-a.cdc.shop.public.customers.yaml',
    ]);
    // The base branch is left to the merge.
    expect(await repo.files('main', 'kafka/cdc/retired')).toHaveLength(2);
    expect(
      await publisher.remove({
        folder: 'retired',
        branch,
        paths: ['kafkaconnector.yaml'],
        message: 'again',
      }),
    ).toEqual({ branch, commit: removal!.commit });
    // Nothing of a folder the base branch does not hold: no commit, no branch.
    expect(
      await publisher.remove({
        folder: 'never-merged',
        branch: 'eventport/cdc-never-merged.decommission-0',
        paths: ['kafkaconnector.yaml'],
        message: 'm',
      }),
    ).toBeUndefined();
    expect(
      await publisher.branchTip('eventport/cdc-never-merged.decommission-0'),
    ).toBeUndefined();
  });

  it('refuses a branch that exists already, with 409', async () => {
    const publisher = new CliGitOpsPublisher(gitopsConfig(repo.dir));
    await publisher.publish({ folder: 'twice', files, message: 'first' });
    await expect(
      publisher.publish({ folder: 'twice', files, message: 'second' }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /Branch 'eventport\/cdc-twice' already exists/,
      ),
    });
  });

  it('answers 503 naming the cause when the repository or its base branch is missing, without the token', async () => {
    const missing = path.join(os.tmpdir(), 'eventport-no-such-repo');
    const publisher = new CliGitOpsPublisher(
      gitopsConfig(missing, { token: 'tok-secret-123' }),
    );
    const error = await publisher
      .publish({ folder: 'x', files, message: 'm' })
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/cannot be read/),
    });
    expect(error.message).not.toContain('tok-secret-123');
    const noBranch = new CliGitOpsPublisher({
      ...gitopsConfig(repo.dir),
      baseBranch: 'release',
    });
    await expect(
      noBranch.publish({ folder: 'y', files, message: 'm' }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/branch 'release' cannot be cloned/),
    });
  });

  it('sends HTTPS credentials to git in its environment, never in its arguments', async () => {
    // A fake git on PATH records what it was given, then fails.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-fake-git-'));
    const record = path.join(bin, 'record');
    fs.writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh\necho "ARGS $*" >> ${record}\necho "HEADER $GIT_CONFIG_VALUE_0" >> ${record}\nexit 1\n`,
      { mode: 0o755 },
    );
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      const publisher = new CliGitOpsPublisher(
        gitopsConfig('https://git.example.com/org/gitops.git', {
          username: 'bot',
          token: 'tok-secret-123',
        }),
      );
      const error = await publisher
        .publish({ folder: 'z', files, message: 'm' })
        .catch(e => e);
      expect(error.message).not.toContain('tok-secret-123');
    } finally {
      process.env.PATH = saved;
    }
    const lines = fs.readFileSync(record, 'utf8').split('\n');
    const args = lines.filter(l => l.startsWith('ARGS'));
    expect(args[0]).toBe(
      'ARGS ls-remote --heads https://git.example.com/org/gitops.git eventport/cdc-z',
    );
    expect(args.join('\n')).not.toContain('tok-secret-123');
    const basic = Buffer.from('bot:tok-secret-123').toString('base64');
    expect(lines).toContain(`HEADER Authorization: Basic ${basic}`);
    fs.rmSync(bin, { recursive: true, force: true });
  });
});

describe('GitHubPullRequests through the GitHub integration', () => {
  const received: Array<{ url: string; auth: string | null; body: any }> = [];
  const server = setupServer(
    http.post(
      'https://api.github.com/repos/acme/gitops/pulls',
      async ({ request }) => {
        const body = await request.json();
        received.push({
          url: request.url,
          auth: request.headers.get('authorization'),
          body,
        });
        return HttpResponse.json(
          { html_url: 'https://github.com/acme/gitops/pull/7', number: 7 },
          { status: 201 },
        );
      },
    ),
    http.post('https://api.github.com/repos/acme/locked/pulls', () =>
      HttpResponse.json({ message: 'Validation Failed' }, { status: 422 }),
    ),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  const prs = GitHubPullRequests.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', token: 'ghp-test-token' }],
      },
    }),
  );

  it('opens the pull request with the integration token and answers its URL', async () => {
    expect(prs.handles('https://github.com/acme/gitops.git')).toBe(true);
    expect(prs.handles('https://gitlab.example.com/acme/gitops.git')).toBe(
      false,
    );
    expect(prs.handles('/tmp/bare-repo')).toBe(false);
    const url = await prs.open({
      remoteUrl: 'https://github.com/acme/gitops.git',
      head: 'eventport/cdc-shop-orders',
      base: 'main',
      title: 'CDC pipeline shop-orders',
      body: 'tables',
    });
    expect(url).toBe('https://github.com/acme/gitops/pull/7');
    expect(received).toEqual([
      {
        url: 'https://api.github.com/repos/acme/gitops/pulls',
        auth: 'Bearer ghp-test-token',
        body: {
          title: 'CDC pipeline shop-orders',
          head: 'eventport/cdc-shop-orders',
          base: 'main',
          body: 'tables',
        },
      },
    ]);
    expect(
      await prs.gitCredentials('https://github.com/acme/gitops.git'),
    ).toEqual({
      username: 'x-access-token',
      token: 'ghp-test-token',
    });
  });

  it("reports GitHub's refusal with its status and message", async () => {
    await expect(
      prs.open({
        remoteUrl: 'https://github.com/acme/locked',
        head: 'b',
        base: 'main',
        title: 't',
        body: 'b',
      }),
    ).rejects.toThrow(
      'GitHub refused the pull request (422): Validation Failed',
    );
  });

  it('reads owner and repository from remote URLs', () => {
    expect(repositoryOf('https://github.com/acme/gitops.git')).toEqual({
      owner: 'acme',
      repo: 'gitops',
    });
    expect(repositoryOf('https://github.com/acme')).toBeUndefined();
    expect(repositoryOf('not a url')).toBeUndefined();
  });
});

describe('openPullRequest', () => {
  const config = gitopsConfig('https://github.com/org/gitops.git');
  const publisher = new CliGitOpsPublisher(config);
  const request = { head: 'eventport/cdc-x', title: 'T', body: 'B' };

  it('opens nothing where no integration covers the remote', async () => {
    expect(await openPullRequest({ config, publisher }, request)).toEqual({});
  });

  it("answers GitHub's URL, or its refusal without throwing: the commit stands", async () => {
    const asked: object[] = [];
    const opener = (answer: () => Promise<string>) => ({
      handles: () => true,
      gitCredentials: async () => undefined,
      open: async (options: object) => {
        asked.push(options);
        return answer();
      },
    });
    expect(
      await openPullRequest(
        {
          config,
          publisher,
          pullRequests: opener(
            async () => 'https://github.com/org/gitops/pull/7',
          ),
        },
        request,
      ),
    ).toEqual({ pullRequestUrl: 'https://github.com/org/gitops/pull/7' });
    expect(asked[0]).toEqual({
      remoteUrl: config.url,
      base: 'main',
      ...request,
    });
    expect(
      await openPullRequest(
        {
          config,
          publisher,
          pullRequests: opener(async () => {
            throw new Error(
              'GitHub answered 422: A pull request already exists',
            );
          }),
        },
        request,
      ),
    ).toEqual({
      pullRequestError: 'GitHub answered 422: A pull request already exists',
    });
  });
});
