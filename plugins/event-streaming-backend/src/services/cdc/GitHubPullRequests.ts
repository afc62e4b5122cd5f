/**
 * Opens the pull request of a committed pipeline when the GitOps remote is
 * on a host with a GitHub integration (`integrations.github`), with the
 * integration's credentials (token or GitHub App).
 */
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';

const GITHUB_TIMEOUT_MS = 15_000;

export interface PullRequestOpener {
  /** True when the remote's host has a GitHub integration. */
  handles(remoteUrl: string): boolean;
  /** Credentials for git over HTTPS to that host, when the integration has them. */
  gitCredentials(
    remoteUrl: string,
  ): Promise<{ username: string; token: string } | undefined>;
  open(options: {
    remoteUrl: string;
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<string>;
}

/** `https://github.com/org/repo(.git)` → `{ owner, repo }`. */
export function repositoryOf(
  remoteUrl: string,
): { owner: string; repo: string } | undefined {
  let url: URL;
  try {
    url = new URL(remoteUrl);
  } catch {
    return undefined;
  }
  const [owner, repo] = url.pathname
    .replace(/^\/+/, '')
    .replace(/\.git$/, '')
    .split('/');
  return owner && repo ? { owner, repo } : undefined;
}

export class GitHubPullRequests implements PullRequestOpener {
  static fromConfig(config: Config): GitHubPullRequests {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GitHubPullRequests(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    );
  }

  constructor(
    private readonly integrations: ScmIntegrations,
    private readonly credentials: GithubCredentialsProvider,
  ) {}

  handles(remoteUrl: string): boolean {
    return (
      !!repositoryOf(remoteUrl) && !!this.integrations.github.byUrl(remoteUrl)
    );
  }

  async gitCredentials(remoteUrl: string) {
    if (!this.handles(remoteUrl)) return undefined;
    const { token } = await this.credentials.getCredentials({ url: remoteUrl });
    return token ? { username: 'x-access-token', token } : undefined;
  }

  async open(options: {
    remoteUrl: string;
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<string> {
    const integration = this.integrations.github.byUrl(options.remoteUrl);
    const repository = repositoryOf(options.remoteUrl);
    if (!integration || !repository) {
      throw new Error(`No GitHub integration covers ${options.remoteUrl}`);
    }
    const apiBaseUrl =
      integration.config.apiBaseUrl ?? 'https://api.github.com';
    const { headers } = await this.credentials.getCredentials({
      url: options.remoteUrl,
    });
    const res = await fetch(
      `${apiBaseUrl}/repos/${repository.owner}/${repository.repo}/pulls`,
      {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify({
          title: options.title,
          head: options.head,
          base: options.base,
          body: options.body,
        }),
        signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS),
      },
    );
    const answer = (await res.json().catch(() => ({}))) as {
      html_url?: string;
      message?: string;
    };
    if (!res.ok || !answer.html_url) {
      throw new Error(
        `GitHub refused the pull request (${res.status}): ${
          answer.message ?? 'no message'
        }`,
      );
    }
    return answer.html_url;
  }
}
