import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The file in a run folder that holds its owning process's pid. */
export const OWNER_FILE = 'owner.pid';

/**
 * Removes temporary run folders with this prefix whose owning process is
 * gone (a killed test worker leaves them behind).
 */
export function pruneStaleRunDirs(prefix: string) {
  let names: string[] = [];
  try {
    names = fs.readdirSync(os.tmpdir()).filter(n => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(os.tmpdir(), name);
    try {
      const pid = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH')
        fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
