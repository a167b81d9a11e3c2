/** A product description's paragraphs: blank lines separate them, empty ones are dropped. */
export function paragraphs(text: string): string[] {
  return text.split(/\n{2,}/).filter((p) => p.trim() !== '');
}
