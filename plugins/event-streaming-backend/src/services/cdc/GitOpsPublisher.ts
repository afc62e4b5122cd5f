/**
 * Commits a pipeline's manifests with real git: a shallow clone of the base
 * branch, a new branch, one commit, a push. Credentials reach git through
 * its environment (`GIT_CONFIG_*`), never through arguments, URLs or logs.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { CdcManifest } from '@eventport/plugin-event-streaming-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CdcGitOpsConfig } from './deployConfig';
import type { PullRequestOpener } from './GitHubPullRequests';

const GIT_TIMEOUT_MS = 60_000;

export interface GitCommit {
  branch: string;
  commit: string;
}

/** GitOps mode: the repository's config, its publisher and, for GitHub, the pull requests. */
export interface CdcGitOps {
  config: CdcGitOpsConfig;
  publisher: GitOpsPublisher;
  pullRequests?: PullRequestOpener;
}

/**
 * Opens the pull request of a pushed branch where a GitHub integration
 * covers the repository. A failure is answered, not thrown: the commit
 * stands, and the pull request can be opened by hand.
 */
export async function openPullRequest(
  gitops: CdcGitOps,
  request: { head: string; title: string; body: string },
): Promise<{ pullRequestUrl?: string; pullRequestError?: string }> {
  const { pullRequests, config } = gitops;
  if (!pullRequests?.handles(config.url)) return {};
  try {
    return {
      pullRequestUrl: await pullRequests.open({
        remoteUrl: config.url,
        base: config.baseBranch,
        ...request,
      }),
    };
  } catch (error) {
    return { pullRequestError: (error as Error).message };
  }
}

export interface GitOpsPublisher {
  /**
   * Commits the files under `<path>/<folder>/` on a new branch, pushed:
   * `branch`, or `<branchPrefix><folder>`. Refused when the branch exists.
   */
  publish(options: {
    folder: string;
    files: CdcManifest[];
    message: string;
    branch?: string;
  }): Promise<GitCommit>;
  /**
   * Commits the removal of the files under `<path>/<folder>/` at `paths`
   * (relative to the folder) that the base branch holds, on `branch`,
   * pushed, with the paths it removed. Undefined when the base branch holds
   * none of them. When the branch exists already, its tip is answered
   * without the paths (a retry after a crash).
   */
  remove(options: {
    folder: string;
    branch: string;
    paths: string[];
    message: string;
  }): Promise<(GitCommit & { removed?: string[] }) | undefined>;
  /**
   * Commits a change of one file under `<path>/<folder>/` on a new
   * `branch`, pushed; undefined when the base branch does not hold the file
   * or `change` leaves it as it was.
   */
  edit(options: {
    folder: string;
    branch: string;
    path: string;
    change: (content: string) => string;
    message: string;
  }): Promise<GitCommit | undefined>;
  /**
   * Commits `files` (written over, or added) under `<path>/<folder>/` on a
   * new `branch`, pushed; undefined when the base branch holds them all as
   * they are. When the branch exists already, its tip is answered (a retry
   * after a crash).
   */
  write(options: {
    folder: string;
    branch: string;
    files: CdcManifest[];
    message: string;
    /** Each file's content from the one the base branch holds (if any). */
    merge?: (file: CdcManifest, existing: string | undefined) => string;
  }): Promise<GitCommit | undefined>;
  /** The commit at the tip of a branch on the remote, if the branch exists. */
  branchTip(branch: string): Promise<string | undefined>;
  branchOf(folder: string): string;
}

/** Thrown by git; its message holds git's own words, credentials removed. */
export class GitCommandError extends Error {
  name = 'GitCommandError';
}

export class CliGitOpsPublisher implements GitOpsPublisher {
  constructor(
    private readonly config: CdcGitOpsConfig,
    private readonly logger?: LoggerService,
    /** Credentials for HTTPS remotes when the config has none (a GitHub integration's). */
    private readonly credentials?: () => Promise<
      { username: string; token: string } | undefined
    >,
  ) {}

  branchOf(folder: string): string {
    return `${this.config.branchPrefix}${folder}`;
  }

  private scrub(text: string, secrets: string[]): string {
    let out = text;
    for (const secret of secrets) {
      if (secret) out = out.split(secret).join('********');
    }
    return out.trim();
  }

  private async env(): Promise<{ env: NodeJS.ProcessEnv; secrets: string[] }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: 'true',
    };
    const fromConfig =
      this.config.token !== undefined
        ? {
            username: this.config.username ?? 'x-access-token',
            token: this.config.token,
          }
        : await this.credentials?.();
    if (!fromConfig) return { env, secrets: [] };
    const basic = Buffer.from(
      `${fromConfig.username}:${fromConfig.token}`,
    ).toString('base64');
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
    return { env, secrets: [fromConfig.token, basic] };
  }

  private async git(args: string[], cwd?: string): Promise<string> {
    const { env, secrets } = await this.env();
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        { cwd, env, timeout: GIT_TIMEOUT_MS, maxBuffer: 10 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) {
            const code = (error as NodeJS.ErrnoException).code;
            const why =
              code === 'ENOENT'
                ? 'git is not installed on the backend host'
                : this.scrub(String(stderr || error.message), secrets);
            reject(new GitCommandError(`git ${args[0]} failed: ${why}`));
            return;
          }
          resolve(String(stdout).trim());
        },
      );
    });
  }

  async branchTip(branch: string): Promise<string | undefined> {
    let out: string;
    try {
      out = await this.git(['ls-remote', '--heads', this.config.url, branch]);
    } catch (error) {
      throw new ServiceUnavailableError(
        `The GitOps repository cannot be read: ${(error as Error).message}`,
      );
    }
    const line = out.split('\n').find(l => l.endsWith(`refs/heads/${branch}`));
    return line?.split(/\s+/)[0];
  }

  async publish(options: {
    folder: string;
    files: CdcManifest[];
    message: string;
    branch?: string;
  }): Promise<GitCommit> {
    const branch = options.branch ?? this.branchOf(options.folder);
    const existing = await this.branchTip(branch);
    if (existing) {
      throw new ConflictError(
        `Branch '${branch}' already exists in the GitOps repository (at ${existing.slice(
          0,
          12,
        )}); delete it or choose another pipeline name`,
      );
    }
    const base = path.join(this.config.path, options.folder);
    const commit = await this.commitOn(branch, options.message, async dir => {
      for (const file of options.files) {
        const target = path.join(dir, base, file.path);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, file.content);
      }
      await this.git(['add', '--all', '--', base], dir);
      return true;
    });
    this.logger?.info(
      `Committed ${
        options.files.length
      } manifests on ${branch} (${commit!.slice(0, 12)})`,
    );
    return { branch, commit: commit! };
  }

  async remove(options: {
    folder: string;
    branch: string;
    paths: string[];
    message: string;
  }): Promise<(GitCommit & { removed?: string[] }) | undefined> {
    const existing = await this.branchTip(options.branch);
    const base = path.join(this.config.path, options.folder);
    const targets = options.paths.map(p => path.join(base, p));
    if (existing) {
      // A retry after a crash: the commit is there, what it removed is in it.
      return { branch: options.branch, commit: existing };
    }
    let removed: string[] = [];
    const commit = await this.commitOn(
      options.branch,
      options.message,
      async dir => {
        const present = await this.git(['ls-files', '--', ...targets], dir);
        removed = present.split('\n').filter(Boolean);
        if (!removed.length) return false;
        await this.git(['rm', '--quiet', '--', ...removed], dir);
        return true;
      },
    );
    if (!commit) return undefined;
    this.logger?.info(
      `Committed the removal of ${removed.length} manifests on ${
        options.branch
      } (${commit.slice(0, 12)})`,
    );
    return { branch: options.branch, commit, removed };
  }

  async edit(options: {
    folder: string;
    branch: string;
    path: string;
    change: (content: string) => string;
    message: string;
  }): Promise<GitCommit | undefined> {
    const existing = await this.branchTip(options.branch);
    if (existing) {
      throw new ConflictError(
        `Branch '${options.branch}' already exists in the GitOps repository`,
      );
    }
    const file = path.join(this.config.path, options.folder, options.path);
    const commit = await this.commitOn(
      options.branch,
      options.message,
      async dir => {
        let before: string;
        try {
          before = await fs.readFile(path.join(dir, file), 'utf8');
        } catch {
          return false;
        }
        const after = options.change(before);
        if (after === before) return false;
        await fs.writeFile(path.join(dir, file), after);
        await this.git(['add', '--', file], dir);
        return true;
      },
    );
    if (!commit) return undefined;
    this.logger?.info(
      `Committed a change of ${file} on ${options.branch} (${commit.slice(
        0,
        12,
      )})`,
    );
    return { branch: options.branch, commit };
  }

  async write(options: {
    folder: string;
    branch: string;
    files: CdcManifest[];
    message: string;
    merge?: (file: CdcManifest, existing: string | undefined) => string;
  }): Promise<GitCommit | undefined> {
    const existing = await this.branchTip(options.branch);
    if (existing) return { branch: options.branch, commit: existing };
    const base = path.join(this.config.path, options.folder);
    const commit = await this.commitOn(
      options.branch,
      options.message,
      async dir => {
        for (const file of options.files) {
          const target = path.join(dir, base, file.path);
          const before = await fs
            .readFile(target, 'utf8')
            .catch(() => undefined);
          await fs.mkdir(path.dirname(target), { recursive: true });
          await fs.writeFile(
            target,
            options.merge ? options.merge(file, before) : file.content,
          );
        }
        await this.git(['add', '--all', '--', base], dir);
        const staged = await this.git(['diff', '--cached', '--name-only'], dir);
        return staged.length > 0;
      },
    );
    if (!commit) return undefined;
    this.logger?.info(
      `Committed a change of ${base} on ${options.branch} (${commit.slice(
        0,
        12,
      )})`,
    );
    return { branch: options.branch, commit };
  }

  /**
   * A shallow clone of the base branch, a new branch, `change` in the work
   * tree (false: nothing to commit), one commit, a push; the commit's id,
   * or undefined when there was nothing to commit.
   */
  private async commitOn(
    branch: string,
    message: string,
    change: (dir: string) => Promise<boolean>,
  ): Promise<string | undefined> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eventport-gitops-'));
    try {
      try {
        await this.git([
          'clone',
          '--quiet',
          '--depth',
          '1',
          '--single-branch',
          '--branch',
          this.config.baseBranch,
          this.config.url,
          dir,
        ]);
      } catch (error) {
        throw new ServiceUnavailableError(
          `The GitOps repository's branch '${
            this.config.baseBranch
          }' cannot be cloned: ${(error as Error).message}`,
        );
      }
      await this.git(['checkout', '--quiet', '-b', branch], dir);
      if (!(await change(dir))) return undefined;
      const { name, email } = this.config.author;
      await this.git(
        [
          '-c',
          `user.name=${name}`,
          '-c',
          `user.email=${email}`,
          'commit',
          '--quiet',
          '-m',
          message,
        ],
        dir,
      );
      const commit = await this.git(['rev-parse', 'HEAD'], dir);
      await this.git(
        ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`],
        dir,
      );
      return commit;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}
