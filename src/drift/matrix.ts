/**
 * The drift matrix: one row per Redis, one column per environment, each cell the posture with the
 * lines that set it, weaker cells marked. Pure data; the formats (table, JSON, HTML) render it.
 * Secrets never enter it: only where a secret comes from, not its value.
 */
import type { RedisFact, SourceRef } from '../core/facts';
import type { EnvironmentOptions } from '../core/environment';
import { compareEnvironments, isProductionLike } from './environments';
import { deployedFacts, groupFacts } from './group';
import type { TierOptions } from '../core/tiers';
import { weaknessesOf } from './compare';
import { DIMENSIONS, gradeOf, settingOf, toneOf, type Dimension, type Grade, type Posture, type Tone } from './posture';
import type { Severity } from '../core/finding';

export const MATRIX_VERSION = 1;

export interface CellSetting {
  value: string;
  tone: Tone;
  /** Where it is set: `file`, 1-based `line` and `column`. */
  at?: { file: string; line: number; column: number };
  /** Set when this dimension is weaker than another environment: that environment's name. */
  weakerThan?: string;
}

export interface MatrixCell {
  environment: string;
  /** The environment's own files. */
  files: string[];
  grade: Grade;
  settings: Record<Dimension, CellSetting>;
  /** One entry per dimension on which this cell is weaker: the stronger environment, the check and its severity. */
  weaker: { dimension: Dimension; than: string; ruleId: string; severity: Severity }[];
}

export interface MatrixRow {
  subject: string;
  label: string;
  kind: 'server' | 'client';
  /** Keyed by environment; null where this Redis has no file for that environment. */
  cells: Record<string, MatrixCell | null>;
  /** Base files (no environment of their own) the environments build on. */
  baseFiles: string[];
}

export interface DriftMatrix {
  version: typeof MATRIX_VERSION;
  /** Column order: dev, test, staging, other names, production. */
  environments: string[];
  /** The columns that count as production (the reference). */
  production: string[];
  rows: MatrixRow[];
  /** Redis found only in base files, with no environment to compare. */
  baseOnly: { subject: string; label: string; files: string[] }[];
}

function plainRef(ref: SourceRef | undefined): CellSetting['at'] {
  return ref ? { file: ref.file, line: ref.line, column: ref.column } : undefined;
}

function cellOf(p: Posture, weaker: MatrixCell['weaker']): MatrixCell {
  const settings = {} as Record<Dimension, CellSetting>;
  for (const d of DIMENSIONS) {
    const s = settingOf(p, d);
    const w = weaker.find((x) => x.dimension === d);
    settings[d] = {
      value: s.value,
      tone: toneOf(p, d),
      ...(s.at ? { at: plainRef(s.at) } : {}),
      ...(w ? { weakerThan: w.than } : {}),
    };
  }
  return { environment: p.environment, files: p.files, grade: gradeOf(p), settings, weaker };
}

export interface MatrixOptions {
  /** Severity overrides and `off` by check id (the config's `rules`): an `off` check marks nothing. */
  rules?: Record<string, Severity | 'off'>;
  /** The scan's environment names and root, as the scanners used them. */
  environment?: EnvironmentOptions;
  /** The config's tier patterns: facts of test, example and CI-fixture files are not compared. */
  tiers?: TierOptions['patterns'];
}

/**
 * The settings a row shows: a client has no exposure, protected mode or Sentinel; the Sentinel line
 * appears only for a Redis that runs Sentinel somewhere.
 */
export function dimensionsOf(row: MatrixRow): Dimension[] {
  const hasSentinel = Object.values(row.cells).some((c) => c && c.settings.sentinel?.value !== 'n/a');
  return DIMENSIONS.filter((d) => {
    if (row.kind === 'client' && (d === 'exposure' || d === 'protected-mode' || d === 'sentinel')) return false;
    return d !== 'sentinel' || hasSentinel;
  });
}

export function buildMatrix(facts: readonly RedisFact[], options: MatrixOptions = {}): DriftMatrix {
  const groups = groupFacts(deployedFacts(facts, options.tiers, options.environment), options.environment);
  const environments = [...new Set(groups.flatMap((g) => g.postures.map((p) => p.environment)))].sort(compareEnvironments);
  const rows: MatrixRow[] = [];
  const baseOnly: DriftMatrix['baseOnly'] = [];
  for (const g of groups) {
    if (g.postures.length === 0) {
      baseOnly.push({ subject: g.subject, label: g.label, files: g.baseFiles });
      continue;
    }
    const weaknesses = weaknessesOf(g.postures);
    const cells: Record<string, MatrixCell | null> = {};
    for (const env of environments) {
      const p = g.postures.find((x) => x.environment === env);
      cells[env] = p
        ? cellOf(
            p,
            weaknesses
              .filter((w) => w.weaker === p && options.rules?.[w.ruleId] !== 'off')
              .map((w) => {
                const configured = options.rules?.[w.ruleId];
                const severity = configured && configured !== 'off' ? configured : w.severity;
                return { dimension: w.dimension, than: w.stronger.environment, ruleId: w.ruleId, severity };
              }),
          )
        : null;
    }
    rows.push({ subject: g.subject, label: g.label, kind: g.kind, cells, baseFiles: g.baseFiles });
  }
  return { version: MATRIX_VERSION, environments, production: environments.filter(isProductionLike), rows, baseOnly };
}
