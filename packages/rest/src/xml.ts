/**
 * The one XML reader, for the answers of the original API (docs/protocol.md §5, §7.1). Entity
 * expansion is off and a DOCTYPE is refused outright, so an entity bomb cannot expand; the
 * body it is given is already capped in size by the request core. The parser proper lives
 * in `xml-parser.ts`, loaded on first use; the helpers that walk a parsed document are here.
 * @module
 */
/** An element as read: attributes and child elements by name, text as `#text`. */
export type XmlElement = { [name: string]: XmlNode | undefined };
/** A node: text, an element, or a list of repeated elements. */
export type XmlNode = string | XmlElement | XmlNode[];

/** The parser, loading (or loaded) on first use; see `xml-parser.ts`. */
let loading: Promise<XmlParse> | undefined;

/** Parses a document, or throws a plain `Error` saying why not. */
export type XmlParse = (text: string) => XmlElement;

/**
 * Loads the XML parser once and resolves with it. The load is a dynamic `import()`, so that
 * bundlers split `fast-xml-parser` out of the code every call needs; a client that never
 * meets an XML answer never loads it. A failed load is tried again on the next call.
 * @throws what the module loader throws when the chunk cannot be loaded.
 */
export function loadXmlParser(): Promise<XmlParse> {
  loading ??= import('./xml-parser.js').then(
    (module) => module.parseXml,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The child element `name` of `node` (the first, if repeated), or `undefined`. */
export function child(node: XmlNode | undefined, name: string): XmlElement | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const found = node[name];
  const first = Array.isArray(found) ? found[0] : found;
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? first : undefined;
}

/** Every child element `name` of `node`. */
export function children(node: XmlNode | undefined, name: string): XmlElement[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const found = node[name];
  const list = Array.isArray(found) ? found : found === undefined ? [] : [found];
  return list.filter((item): item is XmlElement => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The text of `node`'s child or attribute `name` (an empty element reads as `''`). */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  let found = node[name];
  if (Array.isArray(found)) found = found[0];
  if (typeof found === 'string') return found;
  if (typeof found === 'object' && found !== null && !Array.isArray(found)) {
    const inner = found['#text'];
    return typeof inner === 'string' ? inner : '';
  }
  return undefined;
}

/** The text of the first child or attribute called `name` anywhere below `node`, depth first. */
export function findText(node: XmlNode | undefined, name: string, depth = 0): string | undefined {
  if (node === undefined || typeof node === 'string' || depth > 32) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findText(item, name, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const direct = text(node, name);
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text') continue;
    const found = findText(value, name, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
