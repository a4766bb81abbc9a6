// Which files mention which words, kept current by text across runs, so the pre-filter's word searches are lookups.
import { identifierWords } from './units';

/** A long-lived caller's index (see LintCache); a fresh one costs more than searching the texts once. */
export class WordIndex {
  private readonly entries = new Map<string, { text: string; words: ReadonlySet<string> }>();
  private readonly byWord = new Map<string, Set<string>>();
  /** Regular-expression tests of whole texts, by pattern and file (a text is a key only through its entry). */
  private readonly tests = new Map<string, Map<string, { text: string; hit: boolean }>>();

  /** Bring the index up to date: `text` is a file's source, `matchText` what words are read from (escapes cooked). */
  update(paths: readonly string[], text: (path: string) => string, matchText: (path: string) => string): void {
    const present = new Set(paths);
    for (const [path, entry] of this.entries) if (!present.has(path)) this.drop(path, entry.words);
    for (const path of paths) {
      const current = text(path);
      const entry = this.entries.get(path);
      if (entry?.text === current) continue;
      if (entry) this.drop(path, entry.words);
      const words = identifierWords(matchText(path));
      this.entries.set(path, { text: current, words });
      for (const w of words) (this.byWord.get(w) ?? this.byWord.set(w, new Set()).get(w)!).add(path);
    }
  }

  /** Files whose words include `word`. */
  filesWith(word: string): ReadonlySet<string> {
    return this.byWord.get(word) ?? EMPTY;
  }

  /** `pattern.test` of a file's text, remembered while the text stays the same. */
  test(pattern: RegExp, path: string, text: string, matchText: () => string): boolean {
    let byPath = this.tests.get(pattern.source);
    if (!byPath) this.tests.set(pattern.source, (byPath = new Map()));
    const known = byPath.get(path);
    if (known?.text === text) return known.hit;
    const hit = pattern.test(matchText());
    byPath.set(path, { text, hit });
    return hit;
  }

  private drop(path: string, words: ReadonlySet<string>): void {
    this.entries.delete(path);
    for (const w of words) this.byWord.get(w)?.delete(path);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
