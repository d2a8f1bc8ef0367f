// Robust summaries for benchmarks on a shared, loaded machine: medians and quartiles, never means
// (one slow round from another process must not move the figure).

/** The q-quantile (0..1) of numbers, linear between neighbours. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export const median = (values) => quantile(values, 0.5);

/** `median [q1-q3] min` of milliseconds, for one column of a report. */
export function spread(values) {
  const f = (n) => n.toFixed(0);
  return `${f(median(values))} [${f(quantile(values, 0.25))}-${f(quantile(values, 0.75))}] min ${f(Math.min(...values))}`;
}

export const pct = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;

/**
 * With/without measured in pairs (each round runs both, in alternating order): the ratio of the
 * medians, the median of the per-round ratios (a slow stretch of machine load hits both sides of
 * a pair) and the ratio of the minimums (the least disturbed run of each).
 */
export function ratios(without, withIt) {
  const paired = withIt.map((w, i) => w / without[i]);
  return {
    medians: median(withIt) / median(without),
    paired: median(paired),
    pairedIqr: [quantile(paired, 0.25), quantile(paired, 0.75)],
    mins: Math.min(...withIt) / Math.min(...without),
  };
}
