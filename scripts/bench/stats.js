// Summaries of repeated samples: median, spread and percentiles.

/** Linear-interpolated quantile (q in 0..1) of numbers. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Median with min–max and the interquartile range; null when there are no samples. */
function summarize(values) {
  const present = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (present.length === 0) return null;
  return {
    median: quantile(present, 0.5),
    min: Math.min(...present),
    max: Math.max(...present),
    p25: quantile(present, 0.25),
    p75: quantile(present, 0.75),
    samples: present,
  };
}

module.exports = { quantile, summarize };
