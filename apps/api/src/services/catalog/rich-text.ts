import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

/** What a product description may contain: paragraphs, emphasis, lists, headings and links. */
const ALLOWED_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'a'];
const ALLOWED_ATTR = ['href'];

let purifier: ReturnType<typeof createDOMPurify> | undefined;

function purify() {
  if (!purifier) {
    purifier = createDOMPurify(new JSDOM('').window);
    // Links open as plain links to http(s) or mail; anything else loses its href.
    purifier.addHook('afterSanitizeAttributes', (node) => {
      const href = node.getAttribute('href');
      if (href !== null && !/^(https?:|mailto:)/i.test(href)) node.removeAttribute('href');
      if (node.tagName === 'A') node.setAttribute('rel', 'nofollow noopener');
    });
  }
  return purifier;
}

/**
 * Rich text from the admin's editor, made safe to render on the storefront: only the allowed
 * tags and attributes survive (no scripts, styles, event handlers or `javascript:` links), and
 * plain text without any tags becomes paragraphs.
 */
export function sanitizeRichText(html: string): string {
  const text = html.trim();
  if (text === '') return '';
  const source = /<[a-z][\s\S]*>/i.test(text) ? text : plainTextToHtml(text);
  return purify()
    .sanitize(source, { ALLOWED_TAGS, ALLOWED_ATTR: [...ALLOWED_ATTR, 'rel'] })
    .trim();
}

function plainTextToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
