const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

export type TextPart = string | { url: string };

/**
 * Splits plain text (a mail body) into text and http(s) links, for rendering the links as
 * anchors. Sentence punctuation right after a link is not part of it.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push({ url });
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
