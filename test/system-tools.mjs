// The programs outside npm that the suites need, found on PATH or installed (test/run.mjs).
// As root (CI, a fresh container) the missing ones are installed with apt-get or pip, saying so;
// anywhere else the run stops with the commands that install them. No suite skips.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const TOOLS = [
  { names: ['redis-server'], debian: 'redis-server', why: 'live verify tests, redis.conf model check' },
  { names: ['redis-cli'], debian: 'redis-tools', why: 'redis.conf model check' },
  { names: ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'], debian: 'chromium', why: 'drift HTML report' },
  { names: ['pre-commit'], pip: 'pre-commit', why: 'pre-commit framework recipe' },
];

/** The first executable of `names` on PATH, or undefined. */
export function onPath(names, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function missingTools() {
  return TOOLS.filter((t) => !(t.debian === 'chromium' && process.env.CHROMIUM_PATH) && !onPath(t.names));
}

/** `{ ok: true, chromium }` when every tool is there (after installing), else `{ ok: false, message }`. */
export function ensureSystemTools() {
  let missing = missingTools();
  const packages = () => [...new Set(missing.filter((t) => t.debian).map((t) => t.debian))].join(' ');
  const pips = () => missing.filter((t) => t.pip).map((t) => t.pip);
  const why = () => missing.map((t) => `${t.names[0]}: ${t.why}`).join('; ');
  if (packages() && process.getuid?.() === 0 && onPath(['apt-get'])) {
    console.log(`npm test: installing ${packages()} with apt-get (${why()})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status === 0) spawnSync('apt-get', ['install', '-y', '-qq', ...packages().split(' ')], { stdio: 'inherit', env });
    missing = missingTools();
  }
  if (pips().length > 0 && process.getuid?.() === 0 && onPath(['python3'])) {
    console.log(`npm test: installing ${pips().join(' ')} with pip (${why()})`);
    const pip = ['-m', 'pip', 'install', '--quiet', ...pips()];
    if (spawnSync('python3', pip, { stdio: 'inherit' }).status !== 0) {
      spawnSync('python3', [...pip, '--break-system-packages'], { stdio: 'inherit' });
    }
    missing = missingTools();
  }
  if (missing.length > 0) {
    return {
      ok: false,
      message:
        `npm test needs ${missing.map((t) => `${t.names[0]} (${t.why})`).join(', ')}, not found on PATH: install ` +
        [
          packages() && `sudo apt-get install -y ${packages()} (macOS: brew install redis chromium; or set CHROMIUM_PATH)`,
          pips().length > 0 && `pip install ${pips().join(' ')}`,
        ]
          .filter(Boolean)
          .join(' and '),
    };
  }
  return { ok: true, chromium: process.env.CHROMIUM_PATH ?? onPath(TOOLS[2].names) };
}
