// The edits both editor measurements make: the XADD on the large file's marker line, alternately without and with MAXLEN.
'use strict';

/** The marker line of `text` and, for edit `i` (1-based), its new text: capped on even edits, so each edit flips the finding. */
function markerEdits(text, marker) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  if (line < 0) throw new Error(`No line holding "${marker}".`);
  const original = lines[line];
  const call = /redis\.xadd\('([^']+)'/.exec(original);
  if (!call) throw new Error(`The marker line is not an XADD: ${original}`);
  const indent = original.slice(0, original.indexOf('return'));
  const capped = (i) => i % 2 === 0;
  const rewrite = (i) => `${indent}return redis.xadd('${call[1]}', ${capped(i) ? "'MAXLEN', '~', 5000, " : ''}'*', 'step', step, 'rev', '${i}');`;
  return { lines, line, original, capped, rewrite };
}

module.exports = { markerEdits };
