import type { Database } from '@bazaar/db';
import { sql } from 'drizzle-orm';
import { limitOf, rowsOf } from '../../db.ts';

/** Words beyond this many are ignored: no shopper types more, and each costs index lookups. */
const MAX_WORDS = 8;
/** A misspelt word is replaced by the catalog's nearest word at least this similar (pg_trgm). */
const CORRECTION_MIN_SIMILARITY = 0.25;
/**
 * A short word being typed is likely a word's start ("jakc"), whose trigrams resemble short
 * words more than the word meant ("jar" over "jacket"): it is corrected only when clearly close.
 */
const TYPING_CORRECTION_MIN_SIMILARITY = 0.45;
const TYPING_SHORT_WORD = 5;

/** The words of a search as the catalog's word list spells them: lower case, letters and digits. */
export function searchWords(text: string | undefined): string[] {
  if (!text) return [];
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_WORDS).map((w) => w.slice(0, 40));
}

/** A search ready for SQL: a `to_tsquery` text, and the words as corrected, when any was. */
export interface ResolvedSearch {
  tsquery: string;
  searchedFor: string | null;
}

/** Catalog words considered for a misspelt one, by trigram similarity. */
const CORRECTION_CANDIDATES = 5;

interface WordRow {
  word: string;
  known: boolean;
  prefix: boolean;
  /** The most similar catalog words (pg_trgm), most similar first. */
  nearest: { term: string; similarity: number }[] | null;
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) between two words: the optimal string
 * alignment distance. Trigrams favour a shorter word sharing the start ("blankte": blank 0.56,
 * blanket 0.45); one swapped pair is one edit, so blanket wins.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The candidate at least `minimum` similar needing the fewest edits; then the closest length. */
function bestCorrection(word: string, candidates: WordRow['nearest'], minimum: number) {
  let best: { term: string; edits: number; lengthGap: number } | null = null;
  for (const { term, similarity } of candidates ?? []) {
    if (Number(similarity) < minimum) continue;
    const edits = editDistance(word, term);
    const lengthGap = Math.abs(term.length - word.length);
    if (!best || edits < best.edits || (edits === best.edits && lengthGap < best.lengthGap)) {
      best = { term, edits, lengthGap };
    }
  }
  return best?.term ?? null;
}

/**
 * Matches each word against the catalog's words (`search_terms`) in one statement: a known word is
 * searched as is (stemmed by the English configuration); one that begins catalog words is searched
 * as a prefix ("jack" → jackets); any other is replaced by the closest catalog word ("jakcet" →
 * jacket: of the most similar by trigrams, the fewest edits away), or kept, to find nothing. With
 * `lastIsPrefix` (typing in the search box) the last word is always a prefix.
 */
export async function resolveSearch(
  db: Database,
  words: string[],
  options: { lastIsPrefix?: boolean } = {},
): Promise<ResolvedSearch | null> {
  if (words.length === 0) return null;
  // The nearest words are looked up only for a word no catalog word begins with (a known word
  // begins itself): the trigram search is most of the statement's time.
  const result = await db.execute(sql`
    select w.word, m.known, m.prefix,
      case when m.prefix then null else (
        select json_agg(json_build_object('term', n.term, 'similarity', similarity(n.term, w.word))
          order by n.distance, n.term)
        from (
          select t.term, t.term <-> w.word as distance from search_terms t
          where length(w.word) >= 3
          order by t.term <-> w.word, t.term ${limitOf(CORRECTION_CANDIDATES)}
        ) n) end as nearest
    from unnest(${sql.param(words)}::text[]) with ordinality as w(word, ord)
    cross join lateral (select
      exists (select 1 from search_terms t where t.term = w.word) as known,
      -- Catalog words begin with it, or with its English stem ("jackets" → jacket).
      exists (select 1 from search_terms t where t.term like w.word || '%' or t.term like (
          select coalesce(min(s), w.word)
          from unnest(tsvector_to_array(to_tsvector('english'::regconfig, w.word))) s) || '%'
      ) as prefix) m
    order by w.ord`);
  const rows = rowsOf<WordRow>(result);
  let corrected = false;
  const terms = rows.map((row, i) => {
    const last = i === rows.length - 1;
    if (row.known && !(last && options.lastIsPrefix)) return { text: row.word, shown: row.word };
    if (row.prefix && (row.word.length >= 2 || (last && options.lastIsPrefix))) {
      return { text: `${row.word}:*`, shown: row.word };
    }
    const typing = last && options.lastIsPrefix && row.word.length < TYPING_SHORT_WORD;
    const minimum = typing ? TYPING_CORRECTION_MIN_SIMILARITY : CORRECTION_MIN_SIMILARITY;
    const nearest = bestCorrection(row.word, row.nearest, minimum);
    if (nearest !== null) {
      corrected = true;
      return { text: last && options.lastIsPrefix ? `${nearest}:*` : nearest, shown: nearest };
    }
    return { text: last && options.lastIsPrefix ? `${row.word}:*` : row.word, shown: row.word };
  });
  return {
    tsquery: terms.map((t) => t.text).join(' & '),
    searchedFor: corrected ? terms.map((t) => t.shown).join(' ') : null,
  };
}
