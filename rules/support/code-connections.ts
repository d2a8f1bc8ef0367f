/**
 * A linted or read file's Redis connections as facts for the code-to-deployment link: what each
 * reads (variables, config keys), followed into the package's other files when a module graph is
 * given. Apart from rules/support/read-source.ts so the ESLint rule can import it at plugin load
 * without the module graph's engine code (test/package/load.test.ts).
 */
import { relative, sep } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import type { CodeConnectionFact } from '../../src/core/facts';
import type { ModuleGraph } from '../resolve/modules';
import { LISTING } from '../resolve/listing-key';
import { alternatives } from '../resolve/value';
import { connectionInputs, type InputNotes } from './connection-inputs';
import type { Analysis } from './connections';

/**
 * The code's Redis connections that read environment variables or config keys. `graph`: follow
 * values into the other files of the package (imports, the calls that pass a parameter).
 */
export function codeConnections(sourceCode: Readonly<TSESLint.SourceCode>, analysis: Analysis, file: string, graph?: ModuleGraph, abs?: string): CodeConnectionFact[] {
  const out: CodeConnectionFact[] = [];
  const own = graph?.register(sourceCode, file, abs);
  const resolver = own?.resolver;
  const stop = graph?.record();
  let dropped: Analysis['connections'][number] | undefined;
  for (const c of analysis.connections) {
    if (c.profile.http) continue;
    // Imported options are followed only with the graph, and only when they are options.
    if (c.viaImport && !(resolver && alternatives(resolver.resolve(c.viaImport)).some((v) => v.kind === 'object' || v.kind === 'string'))) continue;
    const notes: InputNotes = {};
    const inputs = connectionInputs(sourceCode, c, resolver, graph, notes);
    if (!inputs.some((i) => i.role === 'url' || i.role === 'password' || i.role === 'host')) {
      dropped ??= c;
      continue;
    }
    // A password the calls pass from a secret manager or a literal: the code supplies it.
    const auth = notes.passwordFromCode && c.auth !== 'present' ? 'present' : c.auth;
    out.push({
      kind: 'code',
      file,
      line: c.loc.start.line,
      column: c.loc.start.column + 1,
      endLine: c.loc.end.line,
      endColumn: c.loc.end.column + 1,
      label: c.label,
      auth,
      inputs,
    });
  }
  const deps = stop ? relativeDeps(graph!.root, stop(), own!.abs) : undefined;
  // On the first fact only: the cache reads the whole file again when any of them changed.
  if (deps && out.length) out[0].deps = deps;
  // Nothing to link yet, but other files decided that (no caller passes a variable): a fact with
  // no inputs keeps their stamps, so a cache reads this file again when a caller appears.
  if (deps && !out.length && dropped) {
    const c = dropped;
    out.push({ kind: 'code', file, line: c.loc.start.line, column: c.loc.start.column + 1, label: c.label, auth: c.auth, inputs: [], deps });
  }
  return out;
}

/** The consulted files and folders other than the file itself, root-relative; undefined when none. */
function relativeDeps(root: string, consulted: Map<string, string>, self: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let any = false;
  for (const [key, stamp] of consulted) {
    if (key === self) continue;
    const listing = key.startsWith(LISTING);
    const rel = relative(root, listing ? key.slice(LISTING.length) : key).split(sep).join('/') || '.';
    out[listing ? LISTING + rel : rel] = stamp;
    any = true;
  }
  return any ? out : undefined;
}
