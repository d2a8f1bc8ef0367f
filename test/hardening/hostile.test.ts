/**
 * Issue 11's table, one test per row: each hostile repository is scanned by the built CLI in a
 * child process with a capped heap, and must finish within the CPU and memory budget (budget.ts),
 * print no secret whole, read and write nothing outside its root, and paint nothing on the terminal.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../scanners/cli/built-cli';
import { startFake, stopAll } from '../verify/helpers/servers';
import { expectWithinBudget, measure, type Measured } from './budget';
import * as hostile from './hostile-inputs';
import { expectNoTerminalControls, revealedByMasks } from './output-checks';

beforeAll(() => buildOnce());
afterEach(async () => {
  await stopAll();
});

function scan(files: Record<string, hostile.Entry>, args: string[] = ['--format', 'json', '--fail-on', 'none']): Promise<Measured & { root: string }> {
  const root = hostile.materialize(files);
  return measure('cli', root, ['scan', ...args]).then((m) => ({ ...m, root }));
}

function json(m: Measured): { findings: { ruleId: string; file: string; message: string }[]; diagnostics: { file: string; line?: number; message: string }[] } {
  return JSON.parse(m.stdout);
}

describe('include expansion', () => {
  it('15 confs each including the next 4 times (a diamond): each file is expanded once', async () => {
    const m = await scan(hostile.includeDiamond());
    expectWithinBudget(m);
    const out = json(m);
    // The password at the bottom of the diamond still counts, and is reported once.
    expect(out.findings.filter((f) => f.ruleId === 'conf-hardcoded-password').map((f) => f.file)).toEqual(['redis/c14.conf']);
    expect(m.stdout).not.toContain(hostile.SECRET);
  });

  it('the same diamond through ESLint configs.configFiles does not hang the editor', async () => {
    const root = hostile.materialize(hostile.includeDiamond());
    const m = await measure('eslint', root, ['redis/c00.conf']);
    expectWithinBudget(m);
    expect(m.stdout).not.toContain(hostile.SECRET);
  });

  it('9 confs each including ./*.conf: cycles are cut, each file is read once', async () => {
    const m = await scan(hostile.includeGlobFan());
    expectWithinBudget(m);
    expect(json(m).diagnostics.some((d) => /include cycle/.test(d.message))).toBe(true);
  });

  it('`include other.conf` repeated 20,000 times', async () => {
    const m = await scan(hostile.includeRepeated());
    expectWithinBudget(m);
    expect(json(m).findings.some((f) => f.ruleId === 'conf-hardcoded-password' && f.file === 'redis/other.conf')).toBe(true);
  });
});

describe('YAML expansion', () => {
  it('a 20k-key map merged into 300 services is refused by its expanded size, with one line', async () => {
    const m = await scan(hostile.composeMergeBomb());
    expectWithinBudget(m);
    expect(json(m).diagnostics).toEqual([expect.objectContaining({ file: 'docker-compose.yml', message: expect.stringMatching(/YAML aliases expand/) })]);
  });
});

describe('regular expressions on hostile values', () => {
  it('`requirepass ${${${…` of 400 KB', async () => {
    const m = await scan(hostile.nestedDollarBraces());
    expectWithinBudget(m);
  });

  it('a Helm value `"{{{{…"` of 1 MB', async () => {
    const m = await scan(hostile.helmBraces());
    expectWithinBudget(m);
  });
});

describe('ignore patterns', () => {
  it('a backtracking .gitignore glob and a long file name: the pattern is dropped with one line', async () => {
    const m = await scan(hostile.gitignoreBacktracking());
    expectWithinBudget(m);
    expect(json(m).diagnostics).toEqual([expect.objectContaining({ file: '.gitignore', line: 1, message: expect.stringMatching(/too many wildcards/) })]);
  });

  it('the same glob as a config `ignore` pattern', async () => {
    const m = await scan(hostile.configIgnoreBacktracking());
    expectWithinBudget(m);
    expect(json(m).diagnostics).toEqual([expect.objectContaining({ file: 'redis-auth.config.json', message: expect.stringMatching(/too many wildcards/) })]);
  });
});

describe('files that are not files', () => {
  it('.gitignore as a symlink to /dev/zero', async () => {
    const m = await scan(hostile.gitignoreDevZero());
    expectWithinBudget(m);
    expect(json(m).diagnostics).toEqual([{ file: '.gitignore', message: 'symbolic link points outside the repository; not read' }]);
  });

  it('.gitignore as a FIFO', async () => {
    const m = await scan(hostile.gitignoreFifo());
    expectWithinBudget(m);
    expect(json(m).diagnostics).toEqual([{ file: '.gitignore', message: 'not a regular file; not read' }]);
  });

  it('a config-named FIFO is skipped, not waited on', async () => {
    const m = await scan(hostile.configFifo());
    expectWithinBudget(m);
    // Discovery lists regular files and symlinks only; a pipe is not a config.
    expect(json(m).diagnostics).toEqual([]);
  });

  it('redis-auth.config.json as a symlink to /proc/self/environ: refused in one line, nothing of it echoed', async () => {
    const m = await scan(hostile.configToEnviron('redis-auth.config.json'));
    expectWithinBudget(m);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe('redis-auth scan: redis-auth.config.json: symbolic link points outside the repository; not read\n');
  });

  it('package.json as a symlink to /proc/self/environ: not read, one line, nothing echoed', async () => {
    const m = await scan(hostile.configToEnviron('package.json'));
    expectWithinBudget(m);
    expect(m.code).toBe(0);
    expect(`${m.stdout}${m.stderr}`).not.toMatch(/PATH=|HOME=/);
    expect(json(m).diagnostics).toEqual([{ file: 'package.json', message: 'symbolic link points outside the repository; not read' }]);
  });

  it('--baseline as a symlink to /proc/self/environ: refused, nothing echoed', async () => {
    const m = await scan(hostile.configToEnviron('baseline.json'), ['--baseline', 'baseline.json']);
    expectWithinBudget(m);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe('redis-auth scan: cannot read baseline baseline.json: symbolic link points outside the repository; not read\n');
  });
});

describe('writes', () => {
  function victim(): string {
    const file = join(mkdtempSync(join(tmpdir(), 'redis-auth-victim-')), 'precious.txt');
    writeFileSync(file, 'precious\n');
    return file;
  }

  for (const flag of ['--output', '--write-baseline'] as const) {
    it(`${flag} onto a committed symlink replaces the link, never the file it points to`, async () => {
      const target = victim();
      const name = flag === '--output' ? 'report.sarif' : 'baseline.json';
      const m = await scan(hostile.outputSymlink(target), [flag, name, '--format', 'sarif', '--fail-on', 'none']);
      expectWithinBudget(m);
      expect(m.code).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe('precious\n');
      expect(lstatSync(join(m.root, name)).isFile()).toBe(true);
    });
  }

  it('drift --output onto a committed symlink', async () => {
    const target = victim();
    const root = hostile.materialize(hostile.outputSymlink(target));
    const m = await measure('cli', root, ['drift', '--format', 'html', '--output', 'drift.html', '--fail-on', 'none']);
    expectWithinBudget(m);
    expect(m.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(root, 'drift.html')).isFile()).toBe(true);
  });
});

describe('writes through a symlinked folder', () => {
  function victimDir(): string {
    return mkdtempSync(join(tmpdir(), 'redis-auth-victim-dir-'));
  }

  for (const [flag, args] of [
    ['--output', ['--format', 'sarif', '--output']],
    ['--write-baseline', ['--write-baseline']],
  ] as const) {
    it(`${flag} under a committed folder symlink that leads outside: refused in one line, nothing written there`, async () => {
      const dir = victimDir();
      const m = await scan(hostile.outputParentSymlink(dir), [...args, 'out/sub/report.json', '--fail-on', 'none']);
      expectWithinBudget(m);
      expect(m.code).toBe(2);
      expect(m.stderr.trim().split('\n')).toHaveLength(1);
      expect(m.stderr).toContain('folder out is a symbolic link that leads outside');
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`${flag} under a folder symlink that stays inside the repository is written`, async () => {
      const m = await scan(hostile.outputParentSymlink(victimDir()), [...args, 'inside/report.json', '--fail-on', 'none']);
      expect(m.code).toBe(0);
      expect(lstatSync(join(m.root, 'reports', 'report.json')).isFile()).toBe(true);
    });
  }

  it('drift --output under a folder symlink that leads outside', async () => {
    const dir = victimDir();
    const root = hostile.materialize(hostile.outputParentSymlink(dir));
    const m = await measure('cli', root, ['drift', '--format', 'html', '--output', 'out/drift.html', '--fail-on', 'none']);
    expectWithinBudget(m);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('folder out is a symbolic link that leads outside');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a working directory reached through a symlink (as /tmp on some systems) is not refused', async () => {
    const root = hostile.materialize({ 'redis.conf': 'port 6379\nappendonly yes\n' });
    const link = join(mkdtempSync(join(tmpdir(), 'redis-auth-cwd-link-')), 'repo');
    symlinkSync(root, link);
    const m = await measure('cli', link, ['scan', '--format', 'json', '--output', 'reports/scan.json', '--fail-on', 'none']);
    expect(m.code).toBe(0);
    expect(lstatSync(join(root, 'reports', 'scan.json')).isFile()).toBe(true);
  });
});

describe('terminal safety', () => {
  for (const format of ['stylish', 'github'] as const) {
    it(`file names, service names and values with ANSI/OSC/bidi escapes are shown escaped in ${format}`, async () => {
      const m = await scan(hostile.terminalPaint(), ['--format', format, '--fail-on', 'none']);
      expectWithinBudget(m);
      expect(m.stdout).toContain('\\x1b[2J');
      expectNoTerminalControls(m.stdout);
      expectNoTerminalControls(m.stderr);
    });
  }

  it('the drift table', async () => {
    const root = hostile.materialize(hostile.driftPaint());
    const m = await measure('cli', root, ['drift', '--fail-on', 'none']);
    expectWithinBudget(m);
    expect(m.stdout).toContain('cache\\x1b[2J');
    expectNoTerminalControls(m.stdout);
    expectNoTerminalControls(m.stderr);
  });

  it('verify output with server error text carrying escapes', async () => {
    const fake = await startFake((socket) => {
      socket.on('data', () => socket.write(`-ERR ${hostile.PAINT}\u009b31m boom\r\n`));
    });
    const m = await measure('cli', tmpdir(), ['verify', '--url', `redis://127.0.0.1:${fake.port}`, '--timeout-ms', '2000']);
    expect(m.failure).toBeUndefined();
    expect(`${m.stdout}${m.stderr}`).toContain('\\x1b');
    expectNoTerminalControls(m.stdout);
    expectNoTerminalControls(m.stderr);
  });
});

describe('verify arguments', () => {
  const secret = 'Sup3rS3cretPw';
  it('refuses a password in the userinfo whatever the query says, and never prints it', async () => {
    const m = await measure('cli', tmpdir(), ['verify', '--url', `redis://:${secret}@127.0.0.1:1?password=`]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/refusing a password written in --url/);
    expect(`${m.stdout}${m.stderr}`).not.toContain(secret);
  });

  for (const arg of [`-a${secret}`, `--password${secret}`, `--pass=${secret}`, `--auth${secret}`]) {
    it(`masks the unknown option ${arg.slice(0, 6)}…`, async () => {
      const m = await measure('cli', tmpdir(), ['verify', arg]);
      expect(m.code).toBe(2);
      expect(`${m.stdout}${m.stderr}`).not.toContain(secret.slice(2, -2));
    });
  }

  for (const url of [`https://user:pa/ss${secret}@example.com`, `ftp://u:${secret}@h/x`, `mongodb+srv://u:${secret}@h`]) {
    it(`masks the userinfo of a non-redis URL (${url.split(':')[0]})`, async () => {
      for (const argv of [['--url', url], [url]]) {
        const m = await measure('cli', tmpdir(), ['verify', ...argv]);
        expect(m.code).toBe(2);
        expect(`${m.stdout}${m.stderr}`).not.toContain(secret.slice(2, -2));
      }
    });
  }
});

describe('masks', () => {
  it('reveal nothing of a password under 8 characters and at most 2 under 12', async () => {
    const m = await scan(hostile.shortPasswords());
    expectWithinBudget(m);
    const byLength = new Map<number, number>();
    for (const f of json(m).findings) {
      const length = Number(/redis-(\d+)\.conf/.exec(f.file)?.[1]);
      if (!length) continue;
      byLength.set(length, Math.max(byLength.get(length) ?? 0, ...revealedByMasks(f.message)));
    }
    expect([...byLength.keys()].sort()).toEqual([10, 11, 5, 6, 7, 8, 9]);
    for (const [length, revealed] of byLength) expect(revealed, `length ${length}`).toBeLessThanOrEqual(length < 8 ? 0 : 2);
  });
});
