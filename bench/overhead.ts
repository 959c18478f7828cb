// Placeholder until this section lands: no figures.
import type { Figure } from "./figures";

export function run(): Promise<Figure[]> {
  return Promise.resolve([]);
}
