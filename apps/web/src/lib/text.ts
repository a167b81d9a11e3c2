/**
 * Plain text of a product description (safe HTML from the API), for a meta description: tags
 * dropped, entities of the sanitiser's output decoded, whitespace collapsed.
 */
export function plainTextOf(html: string): string {
  return html
    .replace(/<\/(p|li|h3|h4)>|<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
