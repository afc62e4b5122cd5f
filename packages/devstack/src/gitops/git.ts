import { execFile } from 'node:child_process';

/** Runs git and answers its stdout; a failure carries git's stderr. */
export function git(args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        timeout: 60_000,
        maxBuffer: 20 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `git ${args.join(' ')}: ${String(
                stderr || error.message,
              ).trim()}`,
            ),
          );
        } else {
          resolve(String(stdout));
        }
      },
    );
  });
}
