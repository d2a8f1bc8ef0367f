/** "N of M Redis drift": how many compared Redis have an environment weaker than another. */
import type { DriftMatrix, MatrixRow } from './matrix';

export function drifts(row: MatrixRow): boolean {
  return Object.values(row.cells).some((cell) => !!cell && cell.weaker.length > 0);
}

export function driftSummary(matrix: DriftMatrix): { drifting: number; compared: number; text: string } {
  const drifting = matrix.rows.filter(drifts).length;
  const compared = matrix.rows.length;
  return { drifting, compared, text: `${drifting} of ${compared} Redis drift` };
}
