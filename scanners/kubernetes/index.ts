import { emptyResult, type Scanner } from '../types';

/** Stub until the kubernetes scanner lands: detects nothing. */
export const kubernetesScanner: Scanner = {
  kind: 'kubernetes',
  checks: [],
  detect: () => false,
  scan: () => emptyResult(),
};
