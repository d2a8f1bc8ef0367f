import { emptyResult, type Scanner } from '../types';

/** Stub until the dotenv scanner lands: detects nothing. */
export const dotenvScanner: Scanner = {
  kind: 'dotenv',
  checks: [],
  detect: () => false,
  scan: () => emptyResult(),
};
