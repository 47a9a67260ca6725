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

/** n, p50, p99, min and max of some samples (values that are not finite numbers are left out). */
export function summarize(all) {
  const samples = all.filter(Number.isFinite);
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
  const line = (cells) => `| ${cells.map((cell) => String(cell).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Format bytes for people: B below 1 KiB, else KB (1 KB = 1024 B) with three significant digits. */
export function bytes(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  if (Math.abs(value) < 1024) return `${Math.round(value)} B`;
  const kb = value / 1024;
  if (Math.abs(kb) < 1024) return `${Math.abs(kb) >= 100 ? kb.toFixed(0) : kb.toPrecision(3)} KB`;
  return `${(kb / 1024).toPrecision(3)} MB`;
}
