/**
 * A string value that remembers where it was written, so a finding can point at a word inside it
 * (the password after `--requirepass`, the default inside `${PW:-default}`).
 */
import type { SourceRef } from '../../src/core/facts';
import { lineIndex, type LineIndex } from '../../src/engine/kit/line-index';
import { interpolate, type Vars } from './interpolate';

/** A file's text and a way to turn an offset into a 1-based line/column (the kit's line index). */
export interface SourceText extends Pick<LineIndex, 'linePos'> {
  path: string;
  text: string;
}

/** `lines`: the index the YAML tree already made of this text, when there is one. */
export function sourceText(path: string, text: string, lines: LineIndex = lineIndex(text)): SourceText {
  return { path, text, linePos: lines.linePos };
}

export class Located {
  constructor(
    /** The value as the file gives it (YAML already decoded), before Compose interpolation. */
    readonly raw: string,
    /** Where the whole value is. */
    readonly at: SourceRef,
    /** The variables it is interpolated with. */
    readonly vars: Vars,
    private readonly src?: SourceText,
    private readonly start = 0,
    private readonly end = 0,
  ) {}

  /** The value after interpolation. */
  get value(): string {
    return interpolate(this.raw, this.vars);
  }

  get file(): string {
    return this.at.file;
  }

  /** Where `needle` is written inside this value, searching from absolute offset `from`. */
  find(needle: string, from = this.start): { at: SourceRef; index: number } | undefined {
    if (!this.src || needle === '') return undefined;
    // No copy of the text before `end` per search: with many words that was quadratic.
    const index = this.src.text.indexOf(needle, Math.max(from, this.start));
    if (index < 0 || index + needle.length > this.end) return undefined;
    return { at: this.refAt(index, needle.length), index };
  }

  /** Absolute offset where the value's source starts (for chained `find`). */
  get startOffset(): number {
    return this.start;
  }

  refAt(index: number, length: number): SourceRef {
    const s = this.src!.linePos(index);
    const e = this.src!.linePos(index + length);
    return { file: this.at.file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  }

  /** A part of this value (e.g. the text after `NAME=`), searched for from `from`. */
  sub(raw: string, from = this.start): Located {
    const hit = this.find(raw, from);
    if (!hit) return new Located(raw, this.at, this.vars, this.src, from, this.end);
    return new Located(raw, hit.at, this.vars, this.src, hit.index, this.end);
  }
}
