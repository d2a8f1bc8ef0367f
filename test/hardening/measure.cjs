// Child process for the hostile-input budgets: runs the built CLI's main() (or ESLint with
// configs.configFiles) in process and prints one JSON line with what it printed, its exit code, the
// CPU time it used (robust on a shared machine, unlike wall time) and its peak RSS.
// Usage: node measure.cjs <cli|eslint> <cwd> <json args>
'use strict';
const { join } = require('node:path');

const [mode, cwd, rawArgs] = process.argv.slice(2);
const args = JSON.parse(rawArgs);
const dist = join(__dirname, '..', '..', 'dist', 'src');

async function runCli() {
  const { main } = require(join(dist, 'cli', 'main.js'));
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: { ...process.env, REDIS_AUTH_DEBUG: '' } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

async function runEslint() {
  const { ESLint } = require('eslint');
  const plugin = require(join(dist, 'index.js'));
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...plugin.configs.configFiles] });
  const results = await eslint.lintFiles(args);
  const stdout = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.message}`)).join('\n');
  return { code: results.some((r) => r.errorCount > 0) ? 1 : 0, stdout, stderr: '' };
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
(mode === 'eslint' ? runEslint() : runCli()).then(
  (r) => {
    const cpu = process.cpuUsage(cpu0);
    const report = { ...r, cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Math.round(performance.now() - t0), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  },
  (error) => {
    process.stdout.write(`${JSON.stringify({ thrown: String(error && error.stack || error) })}\n`);
  },
);
