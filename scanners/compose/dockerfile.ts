/**
 * A compose `build:` service's Dockerfile, read as far as Redis auth needs it: the final stage's
 * base image (through `FROM … AS` stage names), its `CMD` / `ENTRYPOINT`, `ENV` values and the
 * files it `COPY`s into the image. Read through the scan's safe reader, inside the scan root only.
 */
import type { SourceRef } from '../../src/core/facts';
import type { ScanContext } from '../../src/engine/kit/contract';
import { dockerInstructions } from '../../src/engine/kit/dockerfile-instructions';
import { Located, sourceText, type SourceText } from './located';
import type { ComposeCommand, EnvVar, ServiceModel, VolumeSpec } from './model';
import { joinPath } from './model';

export interface BuiltImage {
  /** The base image of the final stage, e.g. `redis:7-alpine`. */
  image: string;
  /** The `FROM` line that names it. */
  fromAt: SourceRef;
  dockerfile: string;
  cmd?: ComposeCommand;
  entrypoint?: ComposeCommand;
  env: Map<string, EnvVar>;
  /** `COPY`/`ADD` of repository files, as bind mounts relative to the compose folder. */
  copies: VolumeSpec[];
}

interface Instruction {
  keyword: string;
  args: Located;
}

/** The kit's instructions (src/engine/kit/dockerfile-instructions.ts), their arguments located in the file. */
function instructions(src: SourceText): Instruction[] {
  return dockerInstructions(src.text).map((ins) => {
    // `$VAR` in a Dockerfile is the container's (or a build ARG), never Compose's: kept literal,
    // as Compose keeps `$$VAR`.
    const raw = ins.args.replace(/\$/g, '$$$$');
    const pos = src.linePos(ins.start);
    const at: SourceRef = { file: src.path, line: pos.line, column: pos.col };
    return { keyword: ins.keyword, args: new Located(raw, at, new Map(), src, ins.start, ins.end) };
  });
}

/** `CMD ["a", "b"]` (exec form) or `CMD a b` (shell form, run by `/bin/sh -c`). */
function commandOf(args: Located): ComposeCommand {
  const raw = args.raw.trim();
  if (raw.startsWith('[')) {
    try {
      const items = JSON.parse(raw) as unknown;
      if (Array.isArray(items) && items.every((x) => typeof x === 'string')) {
        let from = args.startOffset;
        const located = items.map((item) => {
          const sub = args.sub(item, from);
          from = sub.startOffset + Math.max(1, item.length);
          return sub;
        });
        return { form: 'list', items: located, at: args.at };
      }
    } catch {
      // Not JSON: Docker runs it in a shell, like the shell form.
    }
  }
  return { form: 'string', items: [args], at: args.at };
}

/** `ENV A=1 B="two"` or the legacy `ENV A 1`. */
function envOf(args: Located, into: Map<string, EnvVar>): void {
  const raw = args.raw;
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+([^=].*)$/.exec(raw);
  if (legacy && !raw.includes('=')) {
    into.set(legacy[1], { name: legacy[1], value: args.sub(legacy[2]), at: args.at });
    return;
  }
  for (const m of raw.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))/g)) {
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    const key = args.sub(m[1]);
    into.set(m[1], { name: m[1], value: args.sub(value, key.startOffset), at: key.at });
  }
}

/**
 * Reads `build:`'s Dockerfile and follows the final stage to its base image. Undefined when the
 * file is not in the repository (or outside the scan root) or has no `FROM`.
 */
export function readBuild(spec: { context: string; dockerfile?: string }, composeDir: string, ctx: ScanContext): BuiltImage | undefined {
  const path = spec.dockerfile ?? joinPath(spec.context, 'Dockerfile');
  if (path.startsWith('..')) return undefined;
  const file = ctx.readFile(path);
  if (!file) return undefined;
  const stages: { name?: string; image: string; at: SourceRef; body: Instruction[] }[] = [];
  for (const ins of instructions(sourceText(file.path, file.text))) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.raw.split(/\s+/).filter((w) => !w.startsWith('--'));
      if (!words[0]) continue;
      const as = words.findIndex((w) => w.toLowerCase() === 'as');
      stages.push({ image: words[0], name: as > 0 ? words[as + 1]?.toLowerCase() : undefined, at: ins.args.at, body: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].body.push(ins);
    }
  }
  // The final stage, and the stages it is built on (`FROM builder`), oldest first.
  const chain: typeof stages = [];
  let stage: (typeof stages)[number] | undefined = stages[stages.length - 1];
  while (stage && chain.length <= stages.length) {
    chain.unshift(stage);
    const base = stage.image.toLowerCase();
    stage = stages.slice(0, stages.indexOf(stage)).reverse().find((s) => s.name === base);
  }
  if (chain.length === 0) return undefined;
  const out: BuiltImage = { image: chain[0].image, fromAt: chain[0].at, dockerfile: file.path, env: new Map(), copies: [] };
  // A path relative to the compose folder that reaches the build context.
  const depth = composeDir === '.' || composeDir === '' ? 0 : composeDir.split('/').length;
  const toCompose = (p: string) => `${'../'.repeat(depth)}${joinPath(spec.context, p)}`;
  for (const s of chain) {
    for (const ins of s.body) {
      switch (ins.keyword) {
        case 'CMD':
          out.cmd = commandOf(ins.args);
          break;
        case 'ENTRYPOINT':
          out.entrypoint = commandOf(ins.args);
          // A new ENTRYPOINT drops the CMD inherited so far.
          out.cmd = undefined;
          break;
        case 'ENV':
          envOf(ins.args, out.env);
          break;
        case 'COPY':
        case 'ADD': {
          const words = ins.args.raw.split(/\s+/).filter((w) => w && !w.startsWith('--'));
          // `COPY --from=stage` copies from another image, not from the repository.
          if (/--from=/.test(ins.args.raw) || words.length !== 2 || /^https?:/.test(words[0]) || words[0].includes('$')) break;
          // A relative target depends on WORKDIR: not followed.
          if (!words[1].startsWith('/')) break;
          const target = words[1].endsWith('/') ? `${words[1]}${words[0].split('/').pop()}` : words[1];
          out.copies.push({ source: toCompose(words[0]), target, bind: true, at: ins.args.at });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The service as its built image runs it: the Dockerfile's CMD/ENTRYPOINT unless compose sets its
 * own (a compose `entrypoint` also drops the image's CMD), its ENV under compose's, its COPYs
 * as read-only mounts under compose's volumes.
 */
export function asBuilt(svc: ServiceModel, built: BuiltImage): ServiceModel {
  const entrypoint = svc.entrypoint !== undefined ? svc.entrypoint : built.entrypoint;
  const command = svc.command !== undefined ? svc.command : svc.entrypoint !== undefined ? undefined : built.cmd;
  return {
    ...svc,
    build: false,
    image: new Located(built.image, { ...built.fromAt, anchor: `services.${svc.name}.build` }, new Map()),
    command,
    entrypoint,
    envFileVars: new Map([...built.env, ...svc.envFileVars]),
    volumes: [...svc.volumes, ...built.copies],
  };
}
