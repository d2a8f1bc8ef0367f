/** Assertions on what the tool prints. */
import { expect } from 'vitest';

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings/overrides/isolates/marks. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export function expectNoTerminalControls(text: string): void {
  const hit = TERMINAL_CONTROL.exec(text);
  expect(hit, hit ? `control U+${hit[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${hit.index}: ${JSON.stringify(text.slice(Math.max(0, hit.index - 40), hit.index + 10))}` : '').toBeNull();
}

/** For each masked secret (`` `hu****r2` ``) in a message, how many characters it reveals. */
export function revealedByMasks(message: string): number[] {
  return [...message.matchAll(/`([^`\s]*)\*{4}([^`\s]*)`/g)].map((m) => Array.from(m[1]).length + Array.from(m[2]).length);
}
