import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { scriptsAfterPaint } from './scripts-after-paint';

const N = 'bm9uY2Vub25jZW5vbmNlMQ==';
const page = [
  '<!DOCTYPE html><html><head><meta charSet="utf-8"/>',
  `<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="${N}" data-precedence="next"/>`,
  `<link rel="preload" as="script" fetchPriority="low" nonce="${N}" href="/_next/static/chunks/boot.js"/>`,
  `<script src="/_next/static/chunks/one.js" async="" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/two.js" async="" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${N}"></script>`,
  '</head><body><h1>Shop</h1>',
  `<script nonce="${N}">(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script src="/_next/static/chunks/boot.js" nonce="${N}" async=""></script>`,
  '</body></html>',
].join('');

const SOURCES = ['one.js', 'two.js', 'boot.js'].map((f) => `/_next/static/chunks/${f}`);

describe('scriptsAfterPaint', () => {
  it("replaces Next.js's script tags and script preloads by one loader in the head", () => {
    const html = scriptsAfterPaint(page);
    expect(html).not.toMatch(/<script src="[^"]*" async/);
    expect(html).not.toMatch(/async="" *>/);
    expect(html).not.toContain('rel="preload" as="script"');
    // What stays: the stylesheet, the inline payload, the noModule fallback.
    expect(html).toContain('href="/_next/static/chunks/a.css"');
    expect(html).toContain('self.__next_f');
    expect(html).toContain('polyfills.js" noModule=""');
    const loader = /<script nonce="([^"]+)">(\(function\(s,f\)[\s\S]*?)<\/script><\/head>/.exec(
      html,
    );
    expect(loader?.[1]).toBe(N);
    expect(loader?.[2]).toContain(JSON.stringify(SOURCES));
  });

  it('leaves a page without such scripts as it is', () => {
    const plain =
      '<html><head></head><body><script src="/other.js" async=""></script></body></html>';
    expect(scriptsAfterPaint(plain)).toBe(plain);
  });

  it('cannot be made to close its script by a source name', () => {
    const hostile = '<head><script src="/_next/static/x</script>.js" async=""></script></head>';
    expect(scriptsAfterPaint(hostile)).toBe(hostile);
    const html = scriptsAfterPaint(
      '<head><script src="/_next/static/a<b.js" async=""></script></head>',
    );
    expect(html).toBe('<head><script src="/_next/static/a<b.js" async=""></script></head>');
  });
});

/** Runs the page's loader in a pretend browser and says when it adds which scripts. */
function runLoader({
  paintTiming,
  storage,
}: {
  paintTiming: boolean;
  /** The visitor's localStorage; none: it throws, as when storage is blocked. */
  storage?: Record<string, string>;
}) {
  const html = scriptsAfterPaint(page);
  const code = /<script nonce="[^"]+">(\(function\(s,f\)[\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const added: string[] = [];
  const frames: (() => void)[] = [];
  const timers: { at: number; run: () => void }[] = [];
  const listeners: Record<string, () => void> = {};
  let observer: ((list: unknown, o: { disconnect(): void }) => void) | undefined;
  let now = 0;
  class FakeObserver {
    static supportedEntryTypes = paintTiming ? ['paint', 'resource'] : ['resource'];
    constructor(callback: typeof observer) {
      observer = callback;
    }
    observe(options: { type: string; buffered: boolean }) {
      expect(options).toEqual({ type: 'paint', buffered: true });
    }
  }
  const classes = new Set<string>();
  const attributes: Record<string, string> = {};
  const fetched: string[] = [];
  const fontFace = (src: string) => ({ type: 5, style: { getPropertyValue: () => src } });
  const document = {
    readyState: 'interactive',
    documentElement: {
      classList: { add: (name: string) => classes.add(name) },
      setAttribute: (name: string, value: string) => {
        attributes[name] = value;
      },
    },
    styleSheets: [
      {
        href: 'https://shop.test/_next/static/chunks/a.css',
        cssRules: [
          { type: 1 },
          fontFace('url("../media/inter-s.p.woff2") format("woff2")'),
          fontFace('local(Arial)'),
          fontFace('url(\'../media/fraunces-s.p.woff2\') format("woff2")'),
        ],
      },
      {
        href: 'https://elsewhere.test/x.css',
        get cssRules(): never {
          throw new Error('SecurityError');
        },
      },
    ],
    createElement: () => ({ src: '', async: false }),
    head: {
      appendChild: (e: { src: string; async: boolean }) => added.push(`${e.src} ${e.async}`),
    },
  };
  const window = { PerformanceObserver: FakeObserver };
  runInNewContext(code, {
    window,
    document,
    location: { href: 'https://shop.test/' },
    URL,
    localStorage: storage && {
      getItem: (key: string) => storage[key] ?? null,
      setItem: (key: string, value: string) => {
        storage[key] = value;
      },
    },
    fetch: (url: string, init: { priority?: string }) => {
      fetched.push(`${url} ${init.priority}`);
      return Promise.resolve({ ok: true, arrayBuffer: () => Promise.resolve(new ArrayBuffer(8)) });
    },
    requestAnimationFrame: (f: () => void) => frames.push(f),
    setTimeout: (run: () => void, ms: number) => timers.push({ at: now + ms, run }),
    addEventListener: (name: string, f: () => void) => {
      listeners[name] = f;
    },
  });
  const tick = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
  };
  const frame = () => {
    for (const f of frames.splice(0)) f();
  };
  const paint = (name: string) =>
    observer?.({ getEntriesByName: (n: string) => (n === name ? [{}] : []) }, { disconnect() {} });
  return { added, tick, frame, paint, listeners, classes, attributes, fetched };
}

describe('the loader', () => {
  it('adds the scripts after the frame that follows the first contentful paint', () => {
    const browser = runLoader({ paintTiming: true });
    browser.tick(100);
    browser.frame();
    browser.paint('first-paint');
    browser.frame();
    browser.tick(0);
    expect(browser.added).toEqual([]);
    browser.paint('first-contentful-paint');
    browser.tick(0);
    expect(browser.added).toEqual([]);
    browser.frame();
    expect(browser.added).toEqual([]);
    browser.tick(0);
    expect(browser.added).toEqual(SOURCES.map((s) => `${s} true`));
    // Once only, also when the last resort comes due.
    browser.tick(5000);
    expect(browser.added).toHaveLength(3);
  });

  it('adds them after 5 s in a tab that never paints nor runs frames', () => {
    const browser = runLoader({ paintTiming: true });
    browser.tick(4999);
    expect(browser.added).toEqual([]);
    browser.tick(1);
    expect(browser.added).toHaveLength(3);
  });

  it('waits for load where the browser reports no paint timing', () => {
    const browser = runLoader({ paintTiming: false });
    browser.tick(100);
    browser.frame();
    expect(browser.added).toEqual([]);
    browser.listeners.load?.();
    browser.frame();
    browser.tick(0);
    expect(browser.added).toHaveLength(3);
  });
});

describe("the loader's brand fonts", () => {
  const afterPaint = (browser: ReturnType<typeof runLoader>) => {
    browser.paint('first-contentful-paint');
    browser.frame();
    browser.tick(0);
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('on a first visit, shows the fallbacks and fetches the font files only after the paint', async () => {
    const storage: Record<string, string> = {};
    const browser = runLoader({ paintTiming: true, storage });
    expect([...browser.classes]).toEqual(['fonts-later']);
    expect(browser.fetched).toEqual([]);
    afterPaint(browser);
    expect(browser.fetched).toEqual([
      'https://shop.test/_next/static/media/inter-s.p.woff2 low',
      'https://shop.test/_next/static/media/fraunces-s.p.woff2 low',
    ]);
    expect(browser.added).toHaveLength(3);
    await settled();
    expect(browser.attributes).toEqual({ 'data-fonts-ready': '' });
    expect(storage).toEqual({ 'bazaar-fonts': '1' });
  });

  it('on a later visit, leaves the fonts to the page', async () => {
    const browser = runLoader({ paintTiming: true, storage: { 'bazaar-fonts': '1' } });
    afterPaint(browser);
    await settled();
    expect(browser.classes.size).toBe(0);
    expect(browser.fetched).toEqual([]);
    expect(browser.added).toHaveLength(3);
  });

  it('without storage, leaves the fonts to the page', () => {
    const browser = runLoader({ paintTiming: true });
    afterPaint(browser);
    expect(browser.classes.size).toBe(0);
    expect(browser.fetched).toEqual([]);
    expect(browser.added).toHaveLength(3);
  });
});
