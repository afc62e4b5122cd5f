/**
 * A bare git repository standing in for the GitOps repository of a real
 * deployment: created with a first commit on its base branch, so that
 * clones and branches work as they would against a hosted one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from './git';

export interface BareRepo {
  /** The repository's path, usable as a git remote URL. */
  dir: string;
  baseBranch: string;
  /** The file at `ref` (a branch or commit), or undefined when absent. */
  show(ref: string, file: string): Promise<string | undefined>;
  /** Files under `folder` at `ref`. */
  files(ref: string, folder?: string): Promise<string[]>;
  /** Branches, without `refs/heads/`. */
  branches(): Promise<string[]>;
  /** True when the branch's tip is already part of the base branch. */
  isMerged(branch: string): Promise<boolean>;
  /** Merges `branch` into the base branch, as merging its pull request would. */
  merge(branch: string): Promise<string>;
}

/** Opens an existing bare repository. */
export function openBareRepo(dir: string, baseBranch = 'main'): BareRepo {
  const gitDir = ['--git-dir', dir];
  return {
    dir,
    baseBranch,
    async show(ref, file) {
      try {
        return await git([...gitDir, 'show', `${ref}:${file}`]);
      } catch {
        return undefined;
      }
    },
    async files(ref, folder) {
      const out = await git([
        ...gitDir,
        'ls-tree',
        '-r',
        '--name-only',
        ref,
        ...(folder ? ['--', folder] : []),
      ]);
      return out.split('\n').filter(Boolean);
    },
    async branches() {
      const out = await git([
        ...gitDir,
        'for-each-ref',
        '--format=%(refname:short)',
        'refs/heads/',
      ]);
      return out.split('\n').filter(Boolean);
    },
    async isMerged(branch) {
      try {
        await git([
          ...gitDir,
          'merge-base',
          '--is-ancestor',
          `refs/heads/${branch}`,
          `refs/heads/${baseBranch}`,
        ]);
        return true;
      } catch {
        return false;
      }
    },
    async merge(branch) {
      const work = fs.mkdtempSync(
        path.join(os.tmpdir(), 'eventport-gitops-merge-'),
      );
      try {
        await git(['clone', '--quiet', '--branch', baseBranch, dir, work]);
        await git(['fetch', '--quiet', 'origin', branch], work);
        await git(
          [
            '-c',
            'user.name=Eventport demo',
            '-c',
            'user.email=demo@eventport.invalid',
            'merge',
            '--quiet',
            '--no-ff',
            '-m',
            `Merge ${branch}`,
            'FETCH_HEAD',
          ],
          work,
        );
        await git(['push', '--quiet', 'origin', baseBranch], work);
        return (await git(['rev-parse', 'HEAD'], work)).trim();
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

/** Creates a bare repository at `dir` (default: a temporary folder) with a README on the base branch. */
export async function createBareRepo(
  options: { dir?: string; baseBranch?: string } = {},
): Promise<BareRepo & { remove(): void }> {
  const baseBranch = options.baseBranch ?? 'main';
  const dir =
    options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-gitops-'));
  fs.mkdirSync(dir, { recursive: true });
  await git([
    'init',
    '--quiet',
    '--bare',
    `--initial-branch=${baseBranch}`,
    dir,
  ]);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-gitops-seed-'));
  try {
    await git(['clone', '--quiet', dir, work]);
    await git(['checkout', '--quiet', '-b', baseBranch], work);
    fs.writeFileSync(
      path.join(work, 'README.md'),
      '# GitOps repository\n\nStrimzi manifests that Eventport commits for reviewed CDC pipelines.\n',
    );
    await git(['add', 'README.md'], work);
    await git(
      [
        '-c',
        'user.name=Eventport demo',
        '-c',
        'user.email=demo@eventport.invalid',
        'commit',
        '--quiet',
        '-m',
        'Start',
      ],
      work,
    );
    await git(['push', '--quiet', 'origin', baseBranch], work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const repo = openBareRepo(dir, baseBranch);
  return {
    ...repo,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
