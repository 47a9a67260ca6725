/**
 * Summaries for the benchmark: nearest-rank percentiles over samples, and the Markdown table the
 * bench prints. No dependencies.
 */

/** The p-th percentile (0–100) by nearest rank; `undefined` for no samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** n, p50, p99, min and max of some samples. */
export function summarize(samples) {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    min: samples.length ? Math.min(...samples) : undefined,
    max: samples.length ? Math.max(...samples) : undefined,
  };
}

/** Format milliseconds for people: three significant digits. */
export function ms(value) {
  if (value === undefined) return '–';
  return `${value >= 100 ? value.toFixed(0) : value.toPrecision(3)} ms`;
}

/** A Markdown table from a header row and rows of cells. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
