// The install test follows the README, not a copy of it: this module reads the
// commands, code lines and configuration of "Installing Eventport into your
// Backstage" and applies them to a fresh app, as a platform team would.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../toolchain.mjs';

// Loaded on use: this module is imported before the setup installs packages.
const require = createRequire(path.join(repoRoot, 'package.json'));

/** The README's sections below `## Installing Eventport`, by `###` title. */
function installSections() {
  const text = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = text.indexOf('\n## Installing Eventport');
  if (start < 0)
    throw new Error('README.md has no "Installing Eventport" section');
  const end = text.indexOf('\n## ', start + 5);
  const part = text.slice(start, end < 0 ? undefined : end);
  const sections = {};
  for (const chunk of part.split('\n### ').slice(1)) {
    const title = chunk.slice(0, chunk.indexOf('\n')).trim();
    const blocks = [...chunk.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(m => ({
      lang: m[1],
      code: m[2],
    }));
    sections[title] = { text: chunk, blocks };
  }
  return sections;
}

function section(sections, prefix) {
  const key = Object.keys(sections).find(k => k.startsWith(prefix));
  if (!key) throw new Error(`README.md: no "### ${prefix}…" section`);
  return sections[key];
}

/** `yarn --cwd <dir> add <packages>` from the section's sh block. */
function addCommand(sec, dir) {
  const block = sec.blocks.find(
    b => b.lang === 'sh' && b.code.includes(`--cwd ${dir} add`),
  );
  if (!block) throw new Error(`README.md: no "yarn --cwd ${dir} add" line`);
  const words = block.code.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
  return { dir, packages: words.filter(w => w.startsWith('@eventport/')) };
}

/** What the README tells a platform team to do, ready to apply. */
export function readmeInstructions() {
  const sections = installSections();
  const backend = section(sections, 'Backend');
  const frontend = section(sections, 'Frontend, new frontend system');
  const legacy = section(sections, 'Frontend, legacy frontend system');
  const signals = section(sections, 'A fault of Backstage');
  const configuration = section(sections, 'Configuration');

  const ts = backend.blocks.find(b => b.lang === 'ts');
  const backendLines = (ts?.code ?? '')
    .split('\n')
    .filter(l => l.startsWith('backend.add('));
  if (backendLines.length === 0) {
    throw new Error('README.md: no backend.add(...) line under "Backend"');
  }
  const signalsLine =
    /`(backend\.add\(import\('@backstage\/plugin-signals-backend'\)\);)`/.exec(
      signals.text,
    )?.[1];
  if (!signalsLine) {
    throw new Error(
      'README.md: the signals workaround names no line to remove',
    );
  }
  const tsx = legacy.blocks.find(b => b.lang === 'tsx');
  if (!tsx) throw new Error('README.md: no tsx block for the legacy frontend');
  const legacyEdits = {};
  let file;
  for (const line of tsx.code.split('\n')) {
    const marker = /^\/\/ (packages\/app\/\S+)$/.exec(line.trim());
    if (marker) {
      file = marker[1];
      legacyEdits[file] = [];
    } else if (file && line.trim()) {
      legacyEdits[file].push(line.trim());
    }
  }
  const yaml = configuration.blocks.find(b => b.lang === 'yaml');
  if (!yaml) throw new Error('README.md: no yaml block under "Configuration"');
  return {
    backendAdd: addCommand(backend, 'packages/backend'),
    frontendAdd: addCommand(frontend, 'packages/app'),
    legacyAdd: addCommand(legacy, 'packages/app'),
    backendLines,
    signalsLine,
    legacyEdits,
    config: require('yaml').parse(yaml.code),
  };
}

/** Adds the README's backend.add lines before backend.start(). */
export function editBackend(appDir, { backendLines, signalsLine }) {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  let text = fs.readFileSync(file, 'utf8');
  if (!text.includes('backend.start();')) {
    throw new Error(`${file} has no backend.start();`);
  }
  text = text.replace(
    'backend.start();',
    `${backendLines.join('\n')}\n\nbackend.start();`,
  );
  fs.writeFileSync(file, removeLine(text, signalsLine, file));
}

/** The README's workaround for the signals fault. */
export function removeSignalsBackend(appDir, { signalsLine }) {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  fs.writeFileSync(
    file,
    removeLine(fs.readFileSync(file, 'utf8'), signalsLine, file),
  );
}

function removeLine(text, line, file) {
  if (!text.includes(line)) return text;
  const next = text.replace(`${line}\n`, '');
  if (next === text) throw new Error(`could not remove ${line} from ${file}`);
  return next;
}

/**
 * The README's legacy lines: imports at the top of each file, a <Route> in
 * <FlatRoutes>, a <SidebarItem> after the app's first one. The README names
 * files under packages/app; `appFolder` is where the legacy app is.
 */
export function editLegacyApp(
  appDir,
  { legacyEdits },
  appFolder = 'packages/app',
) {
  for (const [named, lines] of Object.entries(legacyEdits)) {
    const rel = named.replace(/^packages\/app\//, `${appFolder}/`);
    const file = path.join(appDir, rel);
    let text = fs.readFileSync(file, 'utf8');
    const imports = lines.filter(l => l.startsWith('import '));
    text = `${imports.join('\n')}\n${text}`;
    for (const line of lines.filter(l => !l.startsWith('import '))) {
      if (line.startsWith('<Route')) {
        if (!text.includes('</FlatRoutes>')) {
          throw new Error(`${rel} has no </FlatRoutes>`);
        }
        text = text.replace('</FlatRoutes>', `  ${line}\n  </FlatRoutes>`);
      } else if (line.startsWith('<SidebarItem')) {
        const m = /\n(\s*)<SidebarItem [^\n]*\/>\n/.exec(text);
        if (!m) throw new Error(`${rel} has no <SidebarItem />`);
        const at = m.index + m[0].length;
        text = `${text.slice(0, at)}${m[1]}${line}\n${text.slice(at)}`;
      } else {
        throw new Error(
          `README.md: do not know where to put "${line}" in ${rel}`,
        );
      }
    }
    fs.writeFileSync(file, text);
  }
}

/** The README's configuration, with its cluster pointed at `brokers`. */
export function clusterConfig({ config }, brokers) {
  const copy = structuredClone(config);
  const clusters = copy.eventStreaming?.clusters;
  if (!clusters?.length) {
    throw new Error('README.md: the configuration example has no cluster');
  }
  copy.eventStreaming.clusters = [{ ...clusters[0], brokers }];
  return copy;
}
