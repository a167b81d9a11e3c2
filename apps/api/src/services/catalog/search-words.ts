import type { Database } from '@bazaar/db';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';

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

interface WordRow {
  word: string;
  known: boolean;
  prefix: boolean;
  nearest: string | null;
  similarity: number | null;
}

/**
 * Matches each word against the catalog's words (`search_terms`) in one statement: a known word is
 * searched as is (stemmed by the English configuration); one that begins catalog words is searched
 * as a prefix ("jack" → jackets); any other is replaced by the most similar catalog word
 * ("jakcet" → jacket), or kept, to find nothing. With `lastIsPrefix` (typing in the search box)
 * the last word is always a prefix.
 */
export async function resolveSearch(
  db: Database,
  words: string[],
  options: { lastIsPrefix?: boolean } = {},
): Promise<ResolvedSearch | null> {
  if (words.length === 0) return null;
  const result = await db.execute(sql`
    select w.word,
      exists (select 1 from search_terms t where t.term = w.word) as known,
      -- Catalog words begin with it, or with its English stem ("jackets" → jacket).
      exists (select 1 from search_terms t where t.term like w.word || '%' or t.term like (
          select coalesce(min(s), w.word)
          from unnest(tsvector_to_array(to_tsvector('english'::regconfig, w.word))) s) || '%'
      ) as prefix,
      n.term as nearest, similarity(n.term, w.word) as similarity
    from unnest(${sql.param(words)}::text[]) with ordinality as w(word, ord)
    left join lateral (
      select t.term from search_terms t where length(w.word) >= 3
      order by t.term <-> w.word, t.term limit 1
    ) n on true
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
    if (row.nearest !== null && Number(row.similarity) >= minimum) {
      corrected = true;
      return {
        text: last && options.lastIsPrefix ? `${row.nearest}:*` : row.nearest,
        shown: row.nearest,
      };
    }
    return { text: last && options.lastIsPrefix ? `${row.word}:*` : row.word, shown: row.word };
  });
  return {
    tsquery: terms.map((t) => t.text).join(' & '),
    searchedFor: corrected ? terms.map((t) => t.shown).join(' ') : null,
  };
}
