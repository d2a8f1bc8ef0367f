import { emptyResult, type Scanner } from '../types';

/** Stub until the helm scanner lands: detects nothing. */
export const helmScanner: Scanner = {
  kind: 'helm',
  checks: [],
  detect: () => false,
  scan: () => emptyResult(),
};
