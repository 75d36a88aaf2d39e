/**
 * Elements that most pages do not use (the request form, the profile) are not in `foyer.js`:
 * their module is imported the first time the page has one of their tags. The import's URL is
 * relative to the module that asks for it, so the chunks are found next to `foyer.js` wherever
 * the town loads it from.
 */
const loaders = new Map<string, () => Promise<unknown>>();
const loading = new Map<string, Promise<void>>();
let observer: MutationObserver | undefined;

/**
 * Defines the element `tag` by importing its module: at once, or never again once done. Use it
 * for a tag placed where the page's observer cannot see it, inside another shadow root:
 * `await loadElement('foyer-profile')`.
 */
export function loadElement(tag: string): Promise<void> {
  const started = loading.get(tag);
  if (started) return started;
  const load = loaders.get(tag);
  if (!load) return Promise.reject(new RangeError(`Foyer has no element <${tag}> to load`));
  loaders.delete(tag);
  if (loaders.size === 0) observer?.disconnect();
  const done = load().then(
    () => undefined,
    (error: unknown) => {
      // Unlikely but possible: a deploy removed the chunk an old cached foyer.js points to.
      loading.delete(tag);
      loaders.set(tag, load);
      throw error;
    },
  );
  loading.set(tag, done);
  return done;
}

function loadFound(root: ParentNode & Node): void {
  for (const tag of [...loaders.keys()]) {
    const here = root instanceof Element && root.localName === tag;
    if (here || root.querySelector(tag)) loadElement(tag).catch((error) => console.error(`Foyer could not load <${tag}>`, error));
  }
}

/**
 * Registers `load` as the way to define `tag`, and calls it when the page has (or later gets)
 * such an element.
 */
export function defineOnDemand(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || customElements.get(tag) || loaders.has(tag) || loading.has(tag)) return;
  loaders.set(tag, load);
  loadFound(document);
  if (!loaders.has(tag)) return;
  observer ??= new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) loadFound(node);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}
