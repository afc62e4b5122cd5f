/**
 * Finding a Java runtime: Kafka and Connect need 17 or newer, Apicurio
 * Registry 3.3 needs 21 or newer (its classes are built for Java 21).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface JavaRuntime {
  bin: string;
  major: number;
  version: string;
}

const probedByList = new Map<string, JavaRuntime[]>();

function probe(bin: string): JavaRuntime | undefined {
  const res = spawnSync(bin, ['-version'], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (res.status !== 0) return undefined;
  const m = /version "([^"]+)"/.exec(`${res.stderr}${res.stdout}`);
  if (!m) return undefined;
  const parts = m[1].split(/[.+-]/);
  const major = Number(parts[0] === '1' ? parts[1] : parts[0]);
  return Number.isFinite(major) ? { bin, major, version: m[1] } : undefined;
}

function candidates(): string[] {
  // An explicit list (PATH-like) replaces the search; tests use it to simulate a machine without Java.
  if (process.env.EVENTPORT_JAVA_CANDIDATES !== undefined) {
    return process.env.EVENTPORT_JAVA_CANDIDATES.split(path.delimiter).filter(
      Boolean,
    );
  }
  const list: string[] = [];
  if (process.env.EVENTPORT_JAVA_HOME)
    list.push(path.join(process.env.EVENTPORT_JAVA_HOME, 'bin', 'java'));
  if (process.env.JAVA_HOME)
    list.push(path.join(process.env.JAVA_HOME, 'bin', 'java'));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir) list.push(path.join(dir, 'java'));
  }
  for (const root of ['/usr/lib/jvm', '/opt/java', '/usr/java']) {
    try {
      for (const name of fs.readdirSync(root).sort())
        list.push(path.join(root, name, 'bin', 'java'));
    } catch {
      // no such folder
    }
  }
  return list;
}

/** Every Java runtime found (EVENTPORT_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm), first found first. */
export function javaRuntimes(): JavaRuntime[] {
  const list = candidates();
  const key = list.join(path.delimiter);
  const cached = probedByList.get(key);
  if (cached) return cached;
  const seen = new Set<string>();
  const probed: JavaRuntime[] = [];
  probedByList.set(key, probed);
  for (const bin of list) {
    let real: string;
    try {
      real = fs.realpathSync(bin);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const runtime = probe(bin);
    if (runtime) probed.push(runtime);
  }
  return probed;
}

/** The first runtime of at least `minMajor`, preferring the first found (JAVA_HOME, then PATH). */
export function findJava(minMajor: number): JavaRuntime | undefined {
  return javaRuntimes().find(r => r.major >= minMajor);
}
