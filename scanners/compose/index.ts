import { emptyResult, type Scanner } from '../types';

/** Stub until the compose scanner lands: detects nothing. */
export const composeScanner: Scanner = {
  kind: 'compose',
  checks: [],
  detect: () => false,
  scan: () => emptyResult(),
};
