// How the process of a one-shot `streamwise lint` sizes V8's young generation.
import v8 from 'node:v8';

/**
 * A lint run's trees, bindings and checker state mostly live until the run ends, so a young
 * generation that grows (V8 doubles it, up to 16 MB a semi-space) mostly copies survivors around
 * while its pages add to the peak. Kept at its starting size, the benchmark's 2,000-file run peaks
 * at about 153 MB instead of 181 MB without typings (464 MB instead of 492 MB with them), in the
 * same wall time. Only for a process that runs one command: the language server wants the
 * opposite (see src/server/node-options.ts).
 */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
